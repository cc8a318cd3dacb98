import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { newId } from "../../src/kernel/ids.ts";
import { enrolDirect, makeCourse, makeItem, makeSection } from "../../src/modules/enrolment/server/test-fixtures.ts";
import { makeOrg, makePlatform, makeUser, rootOf } from "../factories.ts";
import { expectAccessible, screenshots, servedWithBrowser } from "./browser.ts";
import { catalog, msg, signedInPage } from "./person.ts";

/**
 * Enrolment and completion in the browser: a learner self-enrols in a published course (made by
 * factories), reads an item, marks another done and sees the progress change; the teacher sees
 * the enrolment page and the progress table. Accessible at 1280 and 360 px, French and English.
 */
const fr = catalog("fr");
const en = catalog("en");

let base: string;
let courseId: string;
let readId: string;
let doId: string;
let programmeId: string;
let tenantId: string;
let schoolId: string;

const t = servedWithBrowser(async (s) => {
  const p = await makePlatform(s.k, "college");
  const school = await makeOrg(s.k, p.tenantId, rootOf(p), "Collège Jean Moulin", "school");
  tenantId = p.tenantId;
  schoolId = school.id;
  const klass = await makeOrg(s.k, p.tenantId, school, "4e B", "class");
  const teacher = await makeUser(s.k, p.tenantId, school.id, "m.martin", "teacher");
  const learner = await makeUser(s.k, p.tenantId, klass.id, "lou.eleve", "learner");
  const c = await makeCourse(s.k, p.tenantId, school.id, { title: "Histoire : la Révolution", selfEnrol: "open", capacity: 30 });
  courseId = c.id;
  await enrolDirect(s.k, p.tenantId, c.id, teacher.id, "teacher");
  const sec = await makeSection(s.k, p.tenantId, c.id, 0, "1789");
  readId = (await makeItem(s.k, p.tenantId, c.id, sec.id, 0, { title: "Les états généraux", completion: "viewed" })).id;
  doId = (await makeItem(s.k, p.tenantId, c.id, sec.id, 1, { title: "Exercice : la prise de la Bastille", completion: "done" })).id;
  await makeItem(s.k, p.tenantId, c.id, sec.id, 2, { title: "Bilan", completion: "done", condition: { afterItemId: doId } });
  // a programme of two courses, followed by the learner
  programmeId = newId();
  await s.k.db
    .insertInto("programmes")
    .values({ tenant_id: p.tenantId, id: programmeId, org_id: school.id, title: "Parcours Histoire", completion: "all", ordered: true, enrol_into: "first" })
    .execute();
  const next = await makeCourse(s.k, p.tenantId, school.id, { title: "Histoire : l’Empire", selfEnrol: "closed" });
  await s.k.db
    .insertInto("programme_courses")
    .values([
      { tenant_id: p.tenantId, programme_id: programmeId, course_id: c.id, position: 0 },
      { tenant_id: p.tenantId, programme_id: programmeId, course_id: next.id, position: 1 },
    ])
    .execute();
  await s.k.db.insertInto("programme_members").values({ tenant_id: p.tenantId, programme_id: programmeId, user_id: learner.id }).execute();
  base = `http://college.localhost:${s.port}`;
});

async function checkPage(page: Page, name: string) {
  await expectAccessible(page, name);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectAccessible(page, `${name} at 360 px`);
  await screenshots(page, name);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const progressNow = (page: Page) => page.getByRole("progressbar").first().getAttribute("aria-valuenow");

it("a learner self-enrols, reads an item, marks one done and sees the progress change", async () => {
  const page = await signedInPage(t.browser, base, "lou.eleve", { timeout: 10_000 });
  await page.goto(`${base}/courses/${courseId}`);
  await expect.poll(() => page.locator("h1").textContent()).toBe("Histoire : la Révolution");
  const enrol = page.getByRole("button", { name: msg(fr, "ui.enrolment.enrol"), exact: true });
  await enrol.waitFor();
  await checkPage(page, "enrolment-course-before-fr");
  await enrol.click();
  await expect.poll(() => page.locator("main").textContent()).toContain(msg(fr, "ui.enrolment.youAreEnrolled"));
  await expect.poll(() => progressNow(page)).toBe("0");
  // the third item waits for the exercise
  await expect.poll(() => page.locator("main").textContent()).toContain("Après « Exercice : la prise de la Bastille »");

  // reading the first item completes it
  await page.getByRole("link", { name: "Les états généraux" }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe("Les états généraux");
  await expect.poll(() => progressNow(page)).toBe("33");

  // the exercise is marked done by hand
  await page.goto(`${base}/courses/${courseId}/items/${doId}`);
  await expect.poll(() => page.locator("h1").textContent()).toBe("Exercice : la prise de la Bastille");
  await page.getByRole("button", { name: msg(fr, "ui.enrolment.markDone") }).click();
  await expect.poll(() => progressNow(page)).toBe("66");
  await expect.poll(() => page.locator("main").textContent()).toContain(msg(fr, "ui.enrolment.undo"));
  await checkPage(page, "enrolment-item-done-fr");

  // back on the course: the progress bar and the unlocked last item
  await page.goto(`${base}/courses/${courseId}`);
  await expect.poll(() => progressNow(page)).toBe("66");
  await expect.poll(() => page.locator("main").textContent()).not.toContain("Après « Exercice");
  await checkPage(page, "enrolment-course-after-fr");

  // what's next on the home page
  await page.goto(`${base}/`);
  await expect.poll(() => page.locator("main").textContent()).toContain(msg(fr, "ui.enrolment.next.title"));
  await expect.poll(() => page.locator("main").textContent()).toContain("Bilan");
  await checkPage(page, "enrolment-home-next-fr");
  await page.context().close();
  expect(readId).toBeTruthy();
});

it("the teacher sees the enrolments and the progress table (English)", async () => {
  const page = await signedInPage(t.browser, base, "m.martin", { locale: "en-GB", timeout: 10_000 });
  await page.goto(`${base}/courses/${courseId}`);
  await page.getByRole("link", { name: msg(en, "ui.enrolment.manage") }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe(msg(en, "ui.enrolment.manageTitle"));
  await expect.poll(() => page.locator("main").textContent()).toContain("lou.eleve");
  await checkPage(page, "enrolment-manage-en");
  await page.goto(`${base}/courses/${courseId}/progress`);
  await expect.poll(() => page.locator("h1").textContent()).toBe(msg(en, "ui.enrolment.progress.title"));
  await expect.poll(() => page.locator("main table").textContent()).toContain("66%");
  await checkPage(page, "enrolment-progress-en");
  await page.context().close();
});

it("the learner follows their programme; the platform admin manages it", async () => {
  const page = await signedInPage(t.browser, base, "lou.eleve", { timeout: 10_000 });
  await page
    .getByRole("navigation", { name: msg(fr, "ui.shell.mainNav") })
    .getByRole("button", { name: msg(fr, "ui.shell.more") })
    .click();
  await page.getByRole("menuitem", { name: msg(fr, "ui.programmes.nav") }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe(msg(fr, "ui.programmes.title"));
  await page.getByRole("link", { name: "Parcours Histoire" }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe("Parcours Histoire");
  // enrolled in the first course (66 % done), the second waits for it
  await expect.poll(() => page.locator("main").textContent()).toContain(msg(fr, "ui.programmes.locked"));
  await checkPage(page, "programme-learner-fr");
  // an open programme of the school: the learner joins it from the programmes page
  await t.s.k.db
    .insertInto("programmes")
    .values({
      tenant_id: tenantId,
      id: newId(),
      org_id: schoolId,
      title: "Parcours Citoyenneté",
      description: "Ouvert à tous les élèves du collège.",
      self_enrol: true,
    })
    .execute();
  await page.goto(`${base}/programmes`);
  await expect.poll(() => page.locator("main").textContent()).toContain(msg(fr, "ui.programmes.open"));
  await checkPage(page, "programme-open-fr");
  await page.getByRole("button", { name: msg(fr, "ui.programmes.joinNamed", { title: "Parcours Citoyenneté" }) }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe("Parcours Citoyenneté");
  await expect.poll(() => page.getByRole("progressbar").count()).toBe(1);
  await page.context().close();

  const ap = await signedInPage(t.browser, base, "college-admin", { timeout: 10_000 });
  await ap.goto(`${base}/programmes/${programmeId}`);
  await expect.poll(() => ap.locator("main").textContent()).toContain(msg(fr, "ui.programmes.manageCourses"));
  await checkPage(ap, "programme-admin-fr");
  await ap.context().close();
});
