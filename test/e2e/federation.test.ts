import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { makeCourse, makeItems, makePlatform, makeUser } from "../factories.ts";
import { signedIn } from "../helpers.ts";
import { expectAccessible, screenshots, servedWithBrowser } from "./browser.ts";
import { catalog, main, msg, signedInPage } from "./person.ts";

/**
 * Two independent platforms in the browser: A's admin proposes to B to enrol its learners in one
 * course; B's admin accepts; a learner of B, signed in on B, enrols from B's catalogue and
 * completes an item; A revokes; A's teacher still sees the learner's work (labelled with their
 * home platform) and the learner keeps a read-only record on B.
 */
const fr = catalog("fr");
const en = catalog("en");

let a: Awaited<ReturnType<typeof makePlatform>>;
let b: Awaited<ReturnType<typeof makePlatform>>;
let courseId: string;
let sectionId: string;
const COURSE = "Sécurité au travail agricole";
const ITEM = "Les équipements de protection";

const t = servedWithBrowser(async (s) => {
  a = await makePlatform(s.k, "bretagne");
  b = await makePlatform(s.k, "normandie");
  const teacher = await makeUser(s.k, a.tenantId, a.rootOrgId, "prof", "teacher");
  await makeUser(s.k, b.tenantId, b.rootOrgId, "lea");
  await makeUser(s.k, b.tenantId, b.rootOrgId, "theo", "teacher");
  const lou = await makeUser(s.k, a.tenantId, a.rootOrgId, "lou");
  const course = { org_id: a.rootOrgId, title: COURSE, summary: "Une formation interrégionale.", status: "published", self_enrol: "closed" } as const;
  ({
    id: courseId,
    sectionIds: [sectionId],
  } = await makeCourse(s.k, a.tenantId, course, { teachers: [teacher.id], learners: [lou.id], sections: ["Module 1"] }));
  await makeItems(s.k, a.tenantId, { courseId, sectionId }, [
    { kind: "page", title: ITEM, completion: "done", body_html: "<p>Gants, lunettes et masque : quand les porter.</p>" },
    { kind: "page", title: "Les produits phytosanitaires", completion: "done", body_html: "<p>Stockage et manipulation.</p>" },
  ]);
});

const open = (host: string, login: string, locale = "fr-FR") => signedInPage(t.browser, `http://${host}:${t.s.port}`, login, { locale, timeout: 20_000 });
const go = (page: Page, host: string, path: string) => page.goto(`http://${host}:${t.s.port}${path}`);

it("A grants B; B's learner enrols from B and completes an item; A revokes; the work stays, the learner keeps a read-only record", async () => {
  // A's admin proposes the agreement
  const adminA = await open(a.host, a.adminLogin);
  await go(adminA, a.host, "/admin/federation");
  await expect.poll(() => adminA.locator("h1").textContent()).toBe(msg(fr, "ui.federation.admin.title"));
  await expect.poll(() => main(adminA)).toContain(msg(fr, "ui.federation.admin.none"));
  await adminA.getByRole("button", { name: msg(fr, "ui.federation.admin.propose") }).click();
  const dialog = adminA.getByRole("dialog");
  await dialog.getByRole("button", { name: new RegExp(msg(fr, "ui.federation.admin.partner")) }).click();
  await adminA.getByRole("option", { name: "Plateforme normandie" }).click();
  await dialog
    .getByRole("group", { name: msg(fr, "ui.federation.rights.enrol") })
    .getByText(COURSE)
    .click();
  await expectAccessible(adminA, "propose an agreement");
  await dialog.getByRole("button", { name: msg(fr, "ui.federation.admin.send") }).click();
  await expect.poll(() => main(adminA)).toContain(msg(fr, "ui.federation.admin.grantsTo", { platform: "Plateforme normandie" }));
  await expect.poll(() => main(adminA)).toContain(msg(fr, "ui.federation.statuses.proposed"));

  // B's admin (in English) accepts
  const adminB = await open(b.host, b.adminLogin, "en-GB");
  await go(adminB, b.host, "/admin/federation");
  await expect.poll(() => main(adminB)).toContain(msg(en, "ui.federation.admin.receivesFrom", { platform: "Plateforme bretagne" }));
  await adminB.getByRole("button", { name: msg(en, "ui.federation.admin.accept") }).click();
  await expect.poll(() => main(adminB)).toContain(msg(en, "ui.federation.statuses.accepted"));
  await expect.poll(() => main(adminB)).toContain(msg(en, "ui.federation.audit.actions.accepted"));
  await expectAccessible(adminB, "federation admin (B)");
  await screenshots(adminB, "federation-admin-en");

  // B's learner finds the course in B's catalogue, enrols, opens an item and completes it
  const lea = await open(b.host, "lea");
  await go(lea, b.host, "/catalogue");
  await expect.poll(() => main(lea)).toContain(msg(fr, "ui.federation.courses.open"));
  await expect.poll(() => main(lea)).toContain(COURSE);
  await expectAccessible(lea, "catalogue with partner courses");
  await screenshots(lea, "federation-catalogue-fr");
  await lea.getByRole("button", { name: msg(fr, "ui.federation.courses.enrol") }).click();
  await lea.getByRole("link", { name: msg(fr, "ui.federation.courses.openCourse") }).click();
  await expect.poll(() => lea.locator("h1").textContent()).toBe(COURSE);
  await expect.poll(() => main(lea)).toContain(msg(fr, "ui.federation.course.from", { platform: "Plateforme bretagne" }));
  await lea.getByRole("button", { name: ITEM }).click();
  await expect.poll(() => main(lea)).toContain("Gants, lunettes et masque");
  await lea.getByRole("button", { name: msg(fr, "ui.federation.course.markDone") }).click();
  await expect.poll(() => main(lea)).toContain(msg(fr, "ui.federation.course.done"));
  await expectAccessible(lea, "partner course");
  await screenshots(lea, "federation-course-fr");

  // A's teacher sees the learner, labelled with her home platform, with the item done
  const prof = await open(a.host, "prof");
  await go(prof, a.host, `/courses/${courseId}/progress`);
  await expect.poll(() => main(prof)).toContain("(Plateforme normandie)");

  // B's admin sees B's own people in that course, with their progress
  await go(adminB, b.host, "/admin/federation");
  await adminB.getByRole("button", { name: msg(en, "ui.federation.people.button") }).click();
  const people = adminB.getByRole("dialog");
  await expect.poll(() => people.textContent()).toContain("lea Test");
  expect(await people.textContent()).toMatch(/50\s*%/);
  await expectAccessible(adminB, "our people in a partner course");
  await adminB.keyboard.press("Escape");

  // A revokes
  await go(adminA, a.host, "/admin/federation");
  await adminA.getByRole("button", { name: msg(fr, "ui.federation.admin.revokeWith", { platform: "Plateforme normandie" }) }).click();
  await adminA
    .getByRole("dialog")
    .getByRole("button", { name: msg(fr, "ui.federation.admin.revoke") })
    .click();
  await expect.poll(() => main(adminA)).toContain(msg(fr, "ui.federation.statuses.revoked"));
  await expectAccessible(adminA, "federation admin (A)");
  await screenshots(adminA, "federation-admin-fr");

  // access ends at once: the course page is closed to the learner
  await lea.reload();
  await expect.poll(() => lea.locator("h1").textContent()).toBe(msg(fr, "ui.federation.course.unavailable"));
  // her read-only record on B
  await go(lea, b.host, "/partner-courses");
  await expect.poll(() => main(lea)).toContain(msg(fr, "ui.federation.record.closed"));
  const record = lea.locator("section", { has: lea.getByRole("heading", { name: msg(fr, "ui.federation.record.title") }) });
  await expect.poll(() => record.textContent()).toContain(ITEM);
  expect(await record.textContent()).toContain(COURSE);
  expect(await record.getByRole("link", { name: msg(fr, "ui.federation.courses.openCourse") }).count()).toBe(0);
  await expectAccessible(lea, "partner courses and record");
  await screenshots(lea, "federation-record-fr");

  // A's teacher still sees her work
  await prof.reload();
  const row = prof.getByRole("row", { name: /Plateforme normandie/ });
  await expect.poll(() => row.textContent()).toMatch(/50\s*%/);
  await screenshots(prof, "federation-teacher-progress-fr");
}, 240_000);

it("A lets B's teachers co-teach; B's teacher joins from B, sees the course, grades A's learner; after the revocation access is gone and the grade stays", async () => {
  const ASSIGNMENT = "Compte rendu de visite d'exploitation";
  const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
  // A's teacher sets an assignment; A's learner submits it; A grants co-teaching, B accepts (their pages are tested above)
  const prof = await signedIn(t.s.app, { host: a.host }, "prof");
  const created = await prof.post(`/api/v1/courses/${courseId}/assignments`, { sectionId, title: ASSIGNMENT });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const itemId = created.body.item.id as string;
  const lou = await signedIn(t.s.app, { host: a.host }, "lou");
  const path = `/api/v1/courses/${courseId}/assignments/${itemId}/submission`;
  const saved = await lou.put(path, { text: doc("Visite du GAEC : tracteur, pulvérisateur, local phyto fermé à clé."), revision: 0 });
  expect((await lou.post(`${path}/submit`, { revision: saved.body.revision })).status).toBe(200);
  const adminA = await signedIn(t.s.app, { host: a.host }, a.adminLogin);
  const adminB = await signedIn(t.s.app, { host: b.host }, b.adminLogin);
  const today = new Date().toISOString().slice(0, 10);
  const p = await adminA.post("/api/v1/federation/agreements", { partnerId: b.tenantId, coteachCourseIds: [courseId], startsOn: today, endsOn: "2099-12-31" });
  expect((await adminB.post(`/api/v1/federation/agreements/${p.body.id}/accept`)).status).toBe(200);

  // B's teacher, signed in on B, joins the teaching team from the partner courses page
  const theo = await open(b.host, "theo");
  await go(theo, b.host, "/partner-courses");
  await theo.getByRole("button", { name: msg(fr, "ui.federation.courses.join") }).click();
  await theo
    .getByRole("link", { name: msg(fr, "ui.federation.courses.openCourse") })
    .first()
    .click();
  await expect.poll(() => theo.locator("h1").textContent()).toBe(COURSE);
  // the whole course as its teachers see it: every item with its kind, the learners' progress
  await expect.poll(() => main(theo)).toContain(msg(fr, "ui.federation.coteach.intro", { platform: "Plateforme bretagne" }));
  expect(await main(theo)).toContain(ITEM);
  expect(await main(theo)).toContain(ASSIGNMENT);
  expect(await main(theo)).toContain(msg(fr, "ui.courses.kinds.assignment"));
  await expect.poll(() => theo.getByRole("heading", { name: msg(fr, "ui.federation.course.progress") }).count()).toBe(1);
  await expect.poll(() => main(theo)).toContain("lou");
  await expectAccessible(theo, "co-taught partner course");
  await screenshots(theo, "federation-coteach-course-fr");

  // a page written from B into the course's section, through A's course editing rules
  await theo.getByRole("button", { name: msg(fr, "ui.federation.coteach.addPageTo", { section: "Module 1" }) }).click();
  const dialog = theo.getByRole("dialog");
  await dialog.getByLabel(msg(fr, "ui.federation.coteach.pageTitle")).fill("Retour d'expérience normand");
  await dialog.getByRole("textbox", { name: msg(fr, "ui.federation.coteach.pageText") }).click();
  await theo.keyboard.type("Chez nous, le local phyto est ventilé.");
  await expectAccessible(theo, "co-teacher adds a page");
  await screenshots(theo, "federation-coteach-add-page-fr");
  await dialog.getByRole("button", { name: msg(fr, "ui.federation.coteach.savePage") }).click();
  await expect.poll(() => dialog.count()).toBe(0);
  await theo.getByRole("button", { name: "Retour d'expérience normand" }).click();
  await expect.poll(() => main(theo)).toContain("le local phyto est ventilé");
  expect((await prof.get(`/api/v1/courses/${courseId}`)).body.sections[0].items.map((i: { title: string }) => i.title)).toContain(
    "Retour d'expérience normand",
  );

  // marking: A's learner's submission, graded with feedback from B
  await theo.getByRole("link", { name: msg(fr, "ui.federation.coteach.markFor", { title: ASSIGNMENT }) }).click();
  await expect.poll(() => theo.locator("h1").textContent()).toContain(ASSIGNMENT);
  await theo.getByRole("row", { name: /lou/ }).click();
  await expect.poll(() => main(theo)).toContain("local phyto fermé à clé");
  await theo.getByLabel(msg(fr, "ui.assignments.scoreLabel", { max: 20 })).fill("15");
  await theo.getByRole("textbox", { name: msg(fr, "ui.assignments.feedbackText") }).click();
  await theo.keyboard.type("Observation précise, bravo.");
  await theo.getByRole("button", { name: msg(fr, "ui.assignments.saveGrade") }).click();
  await expect.poll(() => theo.getByRole("row", { name: /lou/ }).textContent()).toContain("15");
  await expectAccessible(theo, "co-teacher's marking");
  await screenshots(theo, "federation-coteach-marking-fr");

  // A revokes: the co-teacher's access is gone at once
  expect((await adminA.post(`/api/v1/federation/agreements/${p.body.id}/revoke`)).status).toBe(200);
  await theo.reload();
  await expect.poll(() => theo.locator("h1").textContent()).toBe(msg(fr, "ui.federation.course.unavailable"));
  await go(theo, b.host, `/partner-courses/${p.body.id}/${courseId}`);
  await expect.poll(() => theo.locator("h1").textContent()).toBe(msg(fr, "ui.federation.course.unavailable"));

  // the grade stays on A, with its feedback, given by the co-teacher under their name and platform
  const rows = (await prof.get(`/api/v1/courses/${courseId}/assignments/${itemId}/submissions`)).body.rows;
  const row = rows.find((r: { name: string | null }) => r.name?.startsWith("lou"));
  const detail = (await prof.get(`/api/v1/courses/${courseId}/assignments/${itemId}/submissions/${row.id}`)).body;
  expect(detail).toMatchObject({ score: 15, graded: true, feedbackHtml: expect.stringContaining("Observation précise") });
  const grader = await t.s.k.db
    .selectFrom("assignment_submissions as x")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "x.tenant_id").onRef("u.id", "=", "x.graded_by"))
    .select("u.family_name")
    .where("x.tenant_id", "=", a.tenantId)
    .where("x.id", "=", row.id)
    .executeTakeFirstOrThrow();
  // as does the page they wrote
  expect((await prof.get(`/api/v1/courses/${courseId}`)).body.sections[0].items.map((i: { title: string }) => i.title)).toContain(
    "Retour d'expérience normand",
  );
  expect(grader.family_name).toMatch(/\(Plateforme normandie\)$/);
  // A's log names the co-teacher and their platform
  const log = (await adminA.get("/api/v1/federation/audit")).body.items;
  expect(log).toContainEqual(expect.objectContaining({ action: "graded_submission", platform: "Plateforme normandie" }));
}, 240_000);
