import { expect, it } from "vitest";
import { newId } from "../../src/kernel/ids.ts";
import { makeCourse, makePlatform, makeUser } from "../factories.ts";
import { expectAccessible, screenshots, servedWithBrowser } from "./browser.ts";
import { catalog, main, msg, signedInPage } from "./person.ts";

/**
 * The funder report in the browser: a course manager reads the figures of a learner (built from
 * known events and attendance), records the learner's funder, filters on it, and finds the CSV
 * and the attestation links. Then a platform admin opens a programme's report from the programme's
 * page, records the learner's programme funder, finds the programme in the funders overview and
 * goes back to its report filtered on that funder. The server tests (src/modules/reporting) check
 * every figure.
 */
const fr = catalog("fr");
const en = catalog("en");

let base: string;
let courseId: string;
let programmeId: string;
let adminLogin: string;
const t = servedWithBrowser(async (s) => {
  const p = await makePlatform(s.k, "forma");
  adminLogin = p.adminLogin;
  base = `http://forma.localhost:${s.port}`;
  const tid = p.tenantId;
  const m = await makeUser(s.k, tid, p.rootOrgId, "responsable", "teacher");
  const learners = [await makeUser(s.k, tid, p.rootOrgId, "alice"), await makeUser(s.k, tid, p.rootOrgId, "bruno")];
  const course = { org_id: p.rootOrgId, title: "Soudure TIG", status: "published" } as const;
  courseId = (await makeCourse(s.k, tid, course, { managers: [m.id], learners: learners.map((l) => l.id) })).id;
  // alice: two events 20 minutes apart in the course, one 3-hour session attended
  const at = (min: number) => new Date(Date.UTC(2026, 2, 3, 9, min));
  await s.k.db
    .insertInto("events")
    .values(
      [0, 20].map((min) => ({
        tenant_id: tid,
        id: newId(),
        actor_id: learners[0].id,
        verb: "viewed",
        object_type: "page",
        object_id: `/courses/${courseId}`,
        at: at(min),
      })),
    )
    .execute();
  const session = newId();
  await s.k.db
    .insertInto("course_sessions")
    .values({
      tenant_id: tid,
      id: session,
      course_id: courseId,
      title: "Atelier",
      kind: "in-person",
      starts_at: new Date("2026-03-04T08:00:00Z"),
      ends_at: new Date("2026-03-04T11:00:00Z"),
      place: "Brest",
    })
    .execute();
  await s.k.db.insertInto("session_attendance").values({ tenant_id: tid, session_id: session, user_id: learners[0].id, status: "present" }).execute();
  // a programme of this course and a second one alice has not reached yet
  const second = (await makeCourse(s.k, tid, { org_id: p.rootOrgId, title: "Lecture de plans", status: "published" })).id;
  programmeId = newId();
  await s.k.db.insertInto("programmes").values({ tenant_id: tid, id: programmeId, org_id: p.rootOrgId, title: "Parcours métallerie" }).execute();
  await s.k.db
    .insertInto("programme_courses")
    .values([
      { tenant_id: tid, programme_id: programmeId, course_id: courseId, position: 0 },
      { tenant_id: tid, programme_id: programmeId, course_id: second, position: 1 },
    ])
    .execute();
  await s.k.db
    .insertInto("programme_members")
    .values(learners.map((l) => ({ tenant_id: tid, programme_id: programmeId, user_id: l.id })))
    .execute();
});

it("a manager reads the report, records a funder and filters on it", async () => {
  const page = await signedInPage(t.browser, base, "responsable", { timeout: 10_000 });
  await expect.poll(() => page.locator("h1").textContent()).toMatch(/^Bonjour/);

  await page.goto(`${base}/courses/${courseId}`);
  await page.getByRole("link", { name: msg(fr, "ui.reporting.courseLink") }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe(msg(fr, "ui.reporting.title"));
  const alice = page.getByRole("row", { name: /alice/ });
  await expect.poll(() => alice.textContent()).toContain("0:20");
  expect(await alice.textContent()).toContain("3:00");

  await alice.getByRole("button", { name: msg(fr, "ui.reporting.editFunderNamed", { name: "alice Test" }) }).click();
  await page.getByRole("dialog").getByLabel(msg(fr, "ui.reporting.funder")).fill("OPCO Atlas");
  await page
    .getByRole("dialog")
    .getByRole("button", { name: msg(fr, "ui.common.save") })
    .click();
  await expect.poll(() => alice.textContent()).toContain("OPCO Atlas");

  await page.getByRole("button", { name: new RegExp(msg(fr, "ui.reporting.allFunders")) }).click();
  await page.getByRole("option", { name: "OPCO Atlas" }).click();
  await expect.poll(() => page.getByRole("row").count()).toBe(2);
  expect(await main(page)).not.toContain("bruno");
  const csv = await page.getByRole("link", { name: msg(fr, "ui.reporting.csv.download") }).getAttribute("href");
  expect(csv).toContain("funder=OPCO+Atlas");
  const pdf = await page.getByRole("link", { name: msg(fr, "ui.reporting.pdf", { name: "alice Test" }) }).getAttribute("href");
  expect(pdf).toContain("/attestation.pdf");
  await page.getByText(msg(fr, "ui.reporting.methodTitle")).click();
  await expectAccessible(page, "funder report");
  await screenshots(page, "funder-report-fr");
});

it("an admin reads a programme's report, records the programme funder and finds it in the funders overview", async () => {
  const page = await signedInPage(t.browser, base, adminLogin, { timeout: 10_000 });
  await page.goto(`${base}/programmes/${programmeId}`);
  await page.getByRole("link", { name: msg(fr, "ui.reporting.programmeLink") }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe(msg(fr, "ui.reporting.programmeTitle"));
  const alice = page.locator("tbody.report-learner", { hasText: "alice" });
  const total = alice.locator("tr").first();
  await expect.poll(() => total.textContent()).toContain("0:20");
  expect(await total.textContent()).toContain("3:00");
  expect(await total.textContent()).toContain(msg(fr, "ui.reporting.coursesDone", { done: 0, required: 2 }));
  expect(await alice.locator("tr.report-course").count()).toBe(2);
  expect(await alice.locator("tr.report-course").nth(1).textContent()).toContain(msg(fr, "ui.reporting.notEnrolled"));

  await total.getByRole("button", { name: msg(fr, "ui.reporting.editFunderNamed", { name: "alice Test" }) }).click();
  await page.getByRole("dialog").getByLabel(msg(fr, "ui.reporting.funder")).fill("Région Bretagne");
  await page
    .getByRole("dialog")
    .getByRole("button", { name: msg(fr, "ui.common.save") })
    .click();
  await expect.poll(() => total.textContent()).toContain("Région Bretagne");
  const pdf = await total.getByRole("link", { name: msg(fr, "ui.reporting.pdf", { name: "alice Test" }) }).getAttribute("href");
  expect(pdf).toContain(`/programmes/${programmeId}/funder-report/`);
  await page.getByText(msg(fr, "ui.reporting.methodTitle")).click();
  await expectAccessible(page, "programme funder report");
  await screenshots(page, "funder-report-programme-fr");

  // the overview: pick the funder, then open the programme's report filtered on it
  await page.getByRole("link", { name: msg(fr, "ui.reporting.overviewLink") }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe(msg(fr, "ui.reporting.overviewTitle"));
  await page.getByRole("button", { name: new RegExp(msg(fr, "ui.reporting.allFunders")) }).click();
  await page.getByRole("option", { name: "Région Bretagne" }).click();
  await expect.poll(() => page.getByRole("row").count()).toBe(2);
  const row = page.getByRole("row", { name: /Parcours métallerie/ });
  expect(await row.textContent()).toContain("1 stagiaire");
  await expectAccessible(page, "funders overview");
  await screenshots(page, "funders-overview-fr");
  await row.getByRole("link", { name: msg(fr, "ui.reporting.openReport", { title: "Parcours métallerie" }) }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe(msg(fr, "ui.reporting.programmeTitle"));
  await expect.poll(() => page.locator("tbody.report-learner").count()).toBe(1);
  expect(await main(page)).not.toContain("bruno");
  const csv = await page.getByRole("link", { name: msg(fr, "ui.reporting.csv.download") }).getAttribute("href");
  expect(csv).toContain("funder=R%C3%A9gion+Bretagne");
  await page.context().close();

  // in English
  const p2 = await signedInPage(t.browser, base, adminLogin, { locale: "en-GB", timeout: 10_000 });
  await p2.goto(`${base}/funder-reports`);
  await expect.poll(() => p2.locator("h1").textContent()).toBe(msg(en, "ui.reporting.overviewTitle"));
  await expect.poll(() => p2.getByRole("row").count()).toBe(3);
  await screenshots(p2, "funders-overview-en");
  await p2.goto(`${base}/programmes/${programmeId}/funder-report`);
  await expect.poll(() => p2.locator("tbody.report-learner").count()).toBe(2);
  await screenshots(p2, "funder-report-programme-en");
  await p2.context().close();
});
