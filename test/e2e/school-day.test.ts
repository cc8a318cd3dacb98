import { getLocalTimeZone, startOfWeek, today } from "@internationalized/date";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../factories.ts";
import { signedIn } from "../helpers.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";
import { catalog, msg, poll, signIn } from "./person.ts";

/**
 * The school day in the browser: a maths teacher writes homework with a formula in the diary,
 * linked to a quiz of the course the class is enrolled in; the pupil sees it on their entry page
 * and in the diary and opens the quiz from it; the parent (in English) sees it under their child.
 */
const fr = catalog("fr");
const en = catalog("en");

let s: Served;
let browser: Browser;
let base: string;
let p: Awaited<ReturnType<typeof makePlatform>>;
let classA: { id: string };
let courseId: string;
let quizId: string;
const QUIZ = "Quiz : équations du second degré";
const TITLE = "Préparer le quiz sur les équations";
// next week, so that the homework (due on its Wednesday) is still ahead whatever today is
const nextMonday = startOfWeek(today(getLocalTimeZone()), "fr-FR").add({ weeks: 1 });

beforeAll(async () => {
  s = await serve();
  p = await makePlatform(s.k, "college-jour");
  base = `http://college-jour.localhost:${s.port}`;
  const school = await makeOrg(s.k, p.tenantId, rootOf(p), "Collège Jean Moulin", "school");
  classA = await makeOrg(s.k, p.tenantId, school, "5e A", "class");
  const lea = await makeUser(s.k, p.tenantId, classA.id, "lea", "learner");
  const martin = await makeUser(s.k, p.tenantId, school.id, "martin", "teacher");
  const parent = await makeUser(s.k, p.tenantId, school.id, "parent-lea", "parent");
  for (const [id, given, family] of [
    [lea.id, "Léa", "Petit"],
    [martin.id, "Claire", "Martin"],
    [parent.id, "Sophie", "Petit"],
  ] as const)
    await s.k.db.updateTable("users").set({ given_name: given, family_name: family }).where("tenant_id", "=", p.tenantId).where("id", "=", id).execute();
  // the school's set-up, through the API: a subject and its teacher, the parent's link, the maths
  // course enrolling 5e A with a quiz closing next week
  const admin = await signedIn(s.app, { host: `college-jour.localhost:${s.port}` }, p.adminLogin);
  const teacher = await signedIn(s.app, { host: `college-jour.localhost:${s.port}` }, "martin");
  const ok = async (r: Promise<{ status: number; body: any }>) => {
    const x = await r;
    expect(x.status, JSON.stringify(x.body)).toBe(200);
    return x.body;
  };
  const math = (await ok(admin.post("/api/v1/school/subjects", { code: "MATH", name: "Mathématiques", color: "#2563eb" }))).id;
  await ok(admin.post(`/api/v1/school/classes/${classA.id}/teachings`, { subjectId: math, teacherId: martin.id }));
  await s.k.db
    .insertInto("school_guardians")
    .values({ tenant_id: p.tenantId, id: crypto.randomUUID(), parent_id: parent.id, child_id: lea.id })
    .execute();
  courseId = (await ok(teacher.post("/api/v1/courses", { orgId: school.id, title: "Mathématiques 5e" }))).id;
  const section = await ok(teacher.post(`/api/v1/courses/${courseId}/sections`, { title: "Équations" }));
  const closesAt = nextMonday.add({ days: 4 }).toString();
  quizId = (await ok(teacher.post(`/api/v1/courses/${courseId}/quizzes`, { sectionId: section.id, title: QUIZ, closesAt: `${closesAt}T16:00:00Z` }))).itemId;
  await ok(teacher.patch(`/api/v1/courses/${courseId}`, { status: "published" }));
  await ok(admin.post(`/api/v1/courses/${courseId}/enrolment/rules`, { orgId: classA.id }));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

it("a teacher sets homework with a formula linked to a quiz; the pupil and the parent see it and the pupil opens the quiz", async () => {
  // the teacher writes the entry in 5e A's diary, next week
  const tctx = await browser.newContext({ locale: "fr-FR" });
  const teacher = await tctx.newPage();
  teacher.setDefaultTimeout(10_000);
  await signIn(teacher, base, "martin", fr);
  await teacher.goto(`${base}/school/diary?classId=${classA.id}&start=${nextMonday.toString()}`);
  await teacher.getByRole("button", { name: msg(fr, "ui.school.diary.new") }).click();
  const dialog = teacher.getByRole("dialog", { name: msg(fr, "ui.school.diary.newTitle", { name: "5e A" }) });
  await dialog.getByRole("button", { name: new RegExp(msg(fr, "ui.school.class.subject")) }).click();
  await teacher.getByRole("option", { name: "Mathématiques" }).click();
  await dialog.getByLabel(msg(fr, "ui.school.diary.entryTitle")).fill(TITLE);
  await dialog.getByRole("textbox", { name: msg(fr, "ui.school.diary.content") }).click();
  await teacher.keyboard.type("Revoir le discriminant ");
  await dialog.getByRole("button", { name: msg(fr, "ui.richtext.formula") }).click();
  const formula = teacher.getByRole("dialog", { name: msg(fr, "ui.richtext.formula_title") });
  await formula.getByLabel(msg(fr, "ui.richtext.formula_latex")).fill("\\Delta = b^2 - 4ac");
  await poll(() => formula.locator(".rt-formula-preview .katex").count()).toBe(1);
  await formula.getByRole("button", { name: msg(fr, "ui.richtext.formula_insert") }).click();
  await formula.waitFor({ state: "detached" });
  await teacher.keyboard.type(" puis faire le quiz.");
  await dialog.getByLabel(msg(fr, "ui.school.diary.workload")).fill("30");
  await dialog.getByRole("button", { name: new RegExp(msg(fr, "ui.school.diary.link")) }).click();
  await teacher.getByRole("option", { name: new RegExp(QUIZ) }).click();
  await expectAccessible(teacher, "diary entry form");
  await screenshots(teacher, "school-day-entry-form");
  await dialog.getByRole("button", { name: msg(fr, "ui.school.diary.save") }).click();
  await dialog.waitFor({ state: "detached" });
  const card = teacher.locator(".diary-entry", { hasText: TITLE });
  await poll(() => card.locator("math").count()).toBe(1);
  await poll(() => card.getByRole("link", { name: msg(fr, "ui.school.diary.openQuiz", { title: QUIZ }) }).count()).toBe(1);
  await expectAccessible(teacher, "teacher's diary");
  await screenshots(teacher, "school-day-teacher-diary");
  await teacher.goto(`${base}/`);
  await poll(() => teacher.getByRole("heading", { name: msg(fr, "ui.schoolDay.teaching") }).count()).toBe(1);
  await expectAccessible(teacher, "teacher's home");
  await screenshots(teacher, "school-day-teacher-home");
  await tctx.close();

  // the pupil sees it on their entry page, opens the quiz from there, and finds it in the diary
  const pctx = await browser.newContext({ locale: "fr-FR" });
  const pupil = await pctx.newPage();
  pupil.setDefaultTimeout(10_000);
  await signIn(pupil, base, "lea", fr);
  await pupil.goto(`${base}/`);
  const mine = pupil.getByRole("region", { name: new RegExp(msg(fr, "ui.schoolDay.myDay")) });
  await poll(() => mine.getByText(TITLE).count()).toBeGreaterThan(0);
  await poll(() => mine.locator("math").count()).toBeGreaterThan(0);
  await expectAccessible(pupil, "pupil's home");
  await screenshots(pupil, "school-day-pupil-home");
  await mine
    .getByRole("link", { name: msg(fr, "ui.school.diary.openQuiz", { title: QUIZ }) })
    .first()
    .click();
  await poll(() => pupil.url()).toContain(`/courses/${courseId}/quizzes/${quizId}`);
  await poll(() => pupil.getByRole("heading", { level: 1 }).textContent()).toContain(QUIZ);
  await pupil.goto(`${base}/school/diary?classId=mine&start=${nextMonday.toString()}`);
  await poll(() => pupil.locator(".diary-entry", { hasText: TITLE }).count()).toBe(1);
  await screenshots(pupil, "school-day-pupil-diary");
  await pctx.close();

  // the parent, in English, sees it under their child, on the entry page and in the diary
  const gctx = await browser.newContext({ locale: "en-GB" });
  const parent = await gctx.newPage();
  parent.setDefaultTimeout(10_000);
  await signIn(parent, base, "parent-lea", en);
  await parent.goto(`${base}/`);
  const child = parent.getByRole("region", { name: /Léa Petit/ });
  await poll(() => child.getByText(TITLE).count()).toBeGreaterThan(0);
  await poll(() => child.getByRole("link", { name: msg(en, "ui.school.diary.openQuiz", { title: QUIZ }) }).count()).toBeGreaterThan(0);
  await expectAccessible(parent, "parent's home");
  await screenshots(parent, "school-day-parent-home");
  await parent.goto(`${base}/school/diary?classId=mine&start=${nextMonday.toString()}`);
  await poll(() => parent.locator(".diary-entry", { hasText: TITLE }).count()).toBe(1);
  await screenshots(parent, "school-day-parent-diary");
  await gctx.close();
});
