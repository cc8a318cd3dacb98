import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newId } from "../../src/kernel/ids.ts";
import { todayIn, weekdayOf, weekLetter } from "../../src/modules/attendance/shared/week.ts";
import { runJobs } from "../../src/modules/notifications/server/index.ts";
import { makeOrg, makePdf, makePlatform, makeUser, rootOf } from "../factories.ts";
import { startSmtp } from "../smtp.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";
import { catalog, main, msg, poll, signIn } from "./person.ts";

/**
 * School life in the browser: the maths teacher calls the roll of today's lesson from the
 * keyboard (Léa absent); her parent, in English, gets the mail on a real SMTP server, signs in,
 * sees the absence and justifies it with a reason and a PDF; the school-life office accepts it;
 * the parent sees it justified and gets the decision by mail.
 */
const fr = catalog("fr");
const en = catalog("en");

let s: Served;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let browser: Browser;
let base: string;
let p: Awaited<ReturnType<typeof makePlatform>>;
const today = todayIn("Europe/Paris");

beforeAll(async () => {
  smtp = await startSmtp();
  s = await serve({ SMTP_URL: smtp.url });
  p = await makePlatform(s.k, "college");
  base = `http://college.localhost:${s.port}`;
  const t = p.tenantId;
  const school = await makeOrg(s.k, t, rootOf(p), "Collège Jean Moulin", "school");
  const a = await makeOrg(s.k, t, school, "5e A", "class");
  const lea = await makeUser(s.k, t, a.id, "lea", "learner");
  const hugo = await makeUser(s.k, t, a.id, "hugo", "learner");
  const martin = await makeUser(s.k, t, a.id, "martin", "teacher");
  const cpe = await makeUser(s.k, t, school.id, "cpe", "staff");
  const parent = await makeUser(s.k, t, school.id, "sam", "parent", "sam.petit@example.test");
  for (const [id, given, family] of [
    [lea.id, "Léa", "Petit"],
    [hugo.id, "Hugo", "Bernard"],
    [martin.id, "Claire", "Martin"],
    [cpe.id, "Nadia", "Roux"],
    [parent.id, "Sam", "Petit"],
  ] as const)
    await s.k.db.updateTable("users").set({ given_name: given, family_name: family }).where("tenant_id", "=", t).where("id", "=", id).execute();
  await s.k.db.updateTable("users").set({ locale: "en" }).where("tenant_id", "=", t).where("id", "=", parent.id).execute();
  const math = newId();
  await s.k.db.insertInto("school_subjects").values({ tenant_id: t, id: math, code: "MATH", name: "Mathématiques", color: "#2563eb" }).execute();
  await s.k.db.insertInto("school_teachings").values({ tenant_id: t, id: newId(), class_id: a.id, subject_id: math, teacher_id: martin.id }).execute();
  await s.k.db.insertInto("school_guardians").values({ tenant_id: t, id: newId(), parent_id: parent.id, child_id: lea.id }).execute();
  await s.k.db
    .insertInto("attendance_lessons")
    .values({
      tenant_id: t,
      id: newId(),
      class_id: a.id,
      subject_id: math,
      teacher_id: martin.id,
      room: "B12",
      weekday: weekdayOf(today),
      starts_at: "08:30",
      ends_at: "09:25",
      created_by: p.adminId,
    })
    .execute();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await smtp?.close();
});

it("the teacher calls the roll, the parent justifies Léa's absence, the school-life office accepts it", async () => {
  // 1. the teacher, in French: today's lesson in her week, the roll from the keyboard
  const teacher = await (await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" })).newPage();
  teacher.setDefaultTimeout(10_000);
  await signIn(teacher, base, "martin", fr);
  // her entry page lists today's lesson and sends her to the roll call
  await poll(() => main(teacher)).toContain(msg(fr, "ui.attendance.day.myLessons"));
  await poll(() => main(teacher)).toContain("08:30–09:25 Mathématiques · 5e A");
  await expect(teacher.getByRole("link", { name: msg(fr, "ui.attendance.day.callRolls") }).count()).resolves.toBe(1);
  await teacher.goto(`${base}/attendance`);
  await poll(() => main(teacher)).toContain("Mathématiques");
  await expectAccessible(teacher, "teacher's week");
  await screenshots(teacher, "attendance-week-teacher");
  await teacher.getByRole("link", { name: msg(fr, "ui.attendance.week.callLabel", { subject: "Mathématiques", time: "08:30" }) }).click();
  await poll(() => teacher.locator("h1").textContent()).toBe(msg(fr, "ui.attendance.roll.title", { subject: "Mathématiques", class: "5e A" }));
  const leaRow = teacher.getByRole("radiogroup", { name: "Léa Petit" });
  await leaRow.getByRole("radio", { name: msg(fr, "ui.attendance.roll.present") }).focus();
  await teacher.keyboard.press("ArrowRight");
  await poll(() => leaRow.getByRole("radio", { name: msg(fr, "ui.attendance.roll.absent") }).isChecked()).toBe(true);
  await expectAccessible(teacher, "roll call");
  await screenshots(teacher, "attendance-roll");
  await teacher.getByRole("button", { name: msg(fr, "ui.attendance.roll.save") }).click();
  await poll(() => main(teacher)).toContain(msg(fr, "ui.attendance.roll.takenBy", { name: "Claire Martin" }));

  // 2. the parent is told by mail, in English
  await runJobs(s.k);
  await smtp.waitFor(1);
  const absentMail = smtp.mails.find((m) => m.to === "sam.petit@example.test")!;
  expect(absentMail.subject).toContain("Léa Petit");
  expect(absentMail.text).toContain("/attendance/absences");

  // 3. the parent signs in, sees the absence in Léa's week and on the absences page, and justifies it
  const parent = await (await browser.newContext({ locale: "en-GB", timezoneId: "Europe/Paris" })).newPage();
  parent.setDefaultTimeout(10_000);
  await signIn(parent, base, "sam", en);
  // the entry page shows Léa's lesson of the day, marked absent, and the absence still to justify
  await poll(() => main(parent)).toContain("1 absence to justify");
  await expect(main(parent)).resolves.toContain("08:30–09:25 Mathématiques");
  await screenshots(parent, "attendance-home-parent");
  await parent.goto(`${base}/attendance`);
  await poll(() => main(parent)).toContain(msg(en, "ui.attendance.justification.none"));
  await expectAccessible(parent, "parent's week");
  await screenshots(parent, "attendance-week-parent");
  await parent.goto(`${base}/attendance/absences`);
  await poll(() => main(parent)).toContain("Léa Petit");
  await parent.getByRole("button", { name: msg(en, "ui.attendance.absences.justifyLabel", { name: "Léa Petit", day: today, time: "08:30" }) }).click();
  const dialog = parent.getByRole("dialog");
  await dialog.getByRole("button", { name: new RegExp(msg(en, "ui.attendance.absences.reason")) }).click();
  await parent.getByRole("option", { name: msg(en, "ui.attendance.reasons.medical") }).click();
  await dialog.getByLabel(msg(en, "ui.attendance.absences.note")).fill("Dentist at 8:00, back for the 10:30 lesson.");
  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: "appointment.pdf", mimeType: "application/pdf", buffer: await makePdf("Dental appointment — Léa Petit") });
  await poll(() => dialog.textContent()).toContain("appointment.pdf");
  await expectAccessible(parent, "justification form");
  await screenshots(parent, "attendance-justify");
  await dialog.getByRole("button", { name: msg(en, "ui.attendance.absences.send") }).click();
  await poll(() => parent.getByRole("dialog").count()).toBe(0);
  await poll(() => main(parent)).toContain(msg(en, "ui.attendance.justification.pending"));

  // 4. the school-life office, in French, accepts it with a comment
  const office = await (await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" })).newPage();
  office.setDefaultTimeout(10_000);
  await signIn(office, base, "cpe", fr);
  await office.goto(`${base}/attendance/absences`);
  await poll(() => main(office)).toContain("Dentist at 8:00");
  await expect(office.getByRole("link", { name: /appointment\.pdf/ }).count()).resolves.toBe(1);
  await expectAccessible(office, "absences to review");
  await screenshots(office, "attendance-review");
  await office.getByRole("button", { name: msg(fr, "ui.attendance.absences.decideLabel", { name: "Léa Petit", day: today, time: "08:30" }) }).click();
  await office.getByRole("dialog").getByLabel(msg(fr, "ui.attendance.absences.comment")).fill("Rendez-vous noté, merci.");
  await office
    .getByRole("dialog")
    .getByRole("button", { name: msg(fr, "ui.attendance.absences.accept") })
    .click();
  await poll(() => office.getByRole("dialog").count()).toBe(0);
  await poll(() => main(office)).toContain(msg(fr, "ui.attendance.absences.noPending"));
  await office.goto(`${base}/attendance/counts`);
  // Léa: one absence, justified, one half-day
  await poll(() => office.getByRole("row", { name: /Léa Petit/ }).textContent()).toMatch(/^Léa Petit1100100/);
  await expectAccessible(office, "counts");
  await screenshots(office, "attendance-counts");

  // 5. the parent sees it justified, and has the decision by mail
  await runJobs(s.k);
  await smtp.waitFor(2);
  const decision = smtp.mails.filter((m) => m.to === "sam.petit@example.test")[1]!;
  const longDay = new Intl.DateTimeFormat("en", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(`${today}T12:00:00Z`));
  expect(decision.subject).toBe(msg(en, "mail.attendance.acceptedSubject", { child: "Léa Petit", day: longDay }));
  expect(decision.text).toContain("Rendez-vous noté, merci.");
  await parent.reload();
  await poll(() => main(parent)).toContain(msg(en, "ui.attendance.absences.acceptedBy", { name: "Nadia Roux" }));
  await expect(main(parent)).resolves.toContain(msg(en, "ui.attendance.justification.accepted"));
  await expectAccessible(parent, "absence justified");
  await screenshots(parent, "attendance-absences-parent");
});

it("an admin adds a week-A lesson to the class's timetable by hand", async () => {
  const page = await (await browser.newContext({ locale: "fr-FR", timezoneId: "Europe/Paris" })).newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, base, p.adminLogin, fr);
  await page.goto(`${base}/attendance`);
  await page.getByRole("button", { name: new RegExp(msg(fr, "ui.attendance.week.view")) }).click();
  await page.getByRole("option", { name: msg(fr, "ui.attendance.week.classOption", { name: "5e A" }) }).click();
  await page.getByRole("button", { name: msg(fr, "ui.attendance.lesson.new") }).click();
  const dialog = page.getByRole("dialog");
  const choose = async (label: string, option: string) => {
    await dialog.getByRole("button", { name: new RegExp(label) }).click();
    await page.getByRole("option", { name: option, exact: true }).click();
  };
  await choose(msg(fr, "ui.attendance.lesson.subject"), "Mathématiques");
  await choose(msg(fr, "ui.attendance.lesson.teacher"), "Claire Martin");
  await choose(msg(fr, "ui.attendance.lesson.weekday"), msg(fr, "ui.attendance.lesson.days.5"));
  await choose(msg(fr, "ui.attendance.lesson.weeks"), msg(fr, "ui.attendance.lesson.weeksOptions.A"));
  await dialog.getByLabel(msg(fr, "ui.attendance.lesson.room")).fill("Labo 2");
  await expectAccessible(page, "new lesson");
  await screenshots(page, "attendance-new-lesson");
  await dialog.getByRole("button", { name: msg(fr, "ui.attendance.lesson.add") }).click();
  await poll(() => page.getByRole("dialog").count()).toBe(0);
  // on a week A: this one or the next
  if (weekLetter(today) === "B") await page.getByRole("link", { name: msg(fr, "ui.attendance.week.next") }).click();
  await poll(() => main(page)).toContain("salle Labo 2");
  await expectAccessible(page, "class week");
  await screenshots(page, "attendance-week-class");
});
