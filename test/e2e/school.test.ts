import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../factories.ts";
import { startSmtp } from "../smtp.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";
import { catalog, main, msg, poll, signIn } from "./person.ts";

/**
 * The school workspace's foundation in the browser: an admin adds a subject, imports classes,
 * subjects and teachers from a CSV (checked first, refused while a row is wrong), opens a class and
 * invites a pupil's parent; the invitation reaches a real SMTP server started here, and the parent,
 * in English, follows the link, creates an account and sees the child with their teachers.
 */
const fr = catalog("fr");
const en = catalog("en");

let s: Served;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let browser: Browser;
let base: string;
let p: Awaited<ReturnType<typeof makePlatform>>;
let classA: { id: string };

beforeAll(async () => {
  smtp = await startSmtp();
  s = await serve({ SMTP_URL: smtp.url });
  p = await makePlatform(s.k, "college");
  base = `http://college.localhost:${s.port}`;
  const school = await makeOrg(s.k, p.tenantId, rootOf(p), "Collège Jean Moulin", "school");
  const a = await makeOrg(s.k, p.tenantId, school, "5e A", "class");
  classA = a;
  const lea = await makeUser(s.k, p.tenantId, a.id, "lea", "learner");
  const martin = await makeUser(s.k, p.tenantId, school.id, "martin", "teacher");
  await makeUser(s.k, p.tenantId, school.id, "durand", "teacher");
  for (const [id, given, family] of [
    [lea.id, "Léa", "Petit"],
    [martin.id, "Claire", "Martin"],
  ] as const)
    await s.k.db.updateTable("users").set({ given_name: given, family_name: family }).where("tenant_id", "=", p.tenantId).where("id", "=", id).execute();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await smtp?.close();
});

it("an admin sets up subjects, imports teachers and invites a parent, who joins and sees the child", async () => {
  const ctx = await browser.newContext({ locale: "fr-FR" });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, base, p.adminLogin, fr);

  // a subject by hand
  await page.goto(`${base}/school/subjects`);
  await page.getByLabel(msg(fr, "ui.school.subjects.code")).fill("MATH");
  await page.getByRole("textbox", { name: msg(fr, "ui.school.subjects.name"), exact: true }).fill("Mathématiques");
  await page.getByRole("button", { name: msg(fr, "ui.school.subjects.add") }).click();
  await poll(() => page.getByRole("row").filter({ hasText: "Mathématiques" }).count()).toBe(1);
  await expectAccessible(page, "subjects");
  await screenshots(page, "school-subjects");

  // a CSV with a wrong row is reported and refused; fixed, it imports
  await page.goto(`${base}/school/import`);
  const pick = async (csv: string) => {
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: new RegExp(`${msg(fr, "ui.school.import.chooseFile")}|${msg(fr, "ui.school.import.changeFile")}`) }).click();
    await (await chooser).setFiles({ name: "enseignements.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: msg(fr, "ui.school.import.check") }).click();
  };
  await pick("classe;matière;libellé;couleur;enseignant\n5e A;MATH;;;martin\n5e A;HG;;;durand\n");
  await poll(() => page.getByRole("alert").textContent()).toContain("1 ligne est à corriger");
  expect(await main(page)).toContain("Matière inconnue « HG »");
  await expectAccessible(page, "import with errors");
  await screenshots(page, "school-import-errors");
  await pick("classe;matière;libellé;couleur;enseignant\n5e A;MATH;;;martin\n5e A;HG;Histoire-géographie;#dc2626;durand\n4e B;HG;;;durand\n");
  await poll(() => main(page)).toContain("Les 3 lignes sont prêtes");
  await page.getByRole("button", { name: msg(fr, "ui.school.import.run"), exact: true }).click();
  await poll(() => page.getByRole("status").filter({ hasText: "Import terminé" }).count()).toBe(1);
  await expectAccessible(page, "import done");
  await screenshots(page, "school-import-done");

  // the classes, then one class: teachers, pupils, and an invitation for Léa's parent
  await page.goto(`${base}/school/classes`);
  await poll(() => page.getByRole("heading", { name: "4e B" }).count()).toBe(1);
  expect(await main(page)).toContain("Histoire-géographie · durand Test");
  await expectAccessible(page, "classes");
  await screenshots(page, "school-classes");
  await page.getByRole("link", { name: "5e A" }).click();
  await poll(() => page.getByRole("row").filter({ hasText: "Léa Petit" }).count()).toBe(1);
  await page.getByRole("button", { name: msg(fr, "ui.school.invite.buttonLabel", { name: "Léa Petit" }) }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(msg(fr, "ui.school.invite.email")).fill("sam.petit@example.test");
  await dialog.getByLabel(msg(fr, "ui.school.invite.givenName")).fill("Sam");
  await dialog.getByRole("textbox", { name: msg(fr, "ui.school.invite.familyName"), exact: true }).fill("Petit");
  await dialog.getByRole("button", { name: msg(fr, "ui.school.invite.send") }).click();
  await smtp.waitFor(1);
  await poll(() => page.getByRole("row").filter({ hasText: "Léa Petit" }).textContent()).toContain("1 invitation en attente");
  await expectAccessible(page, "class");
  await screenshots(page, "school-class");
  await ctx.close();

  // the parent, in English, follows the link from the mail
  const mail = smtp.mails.find((m) => m.to === "sam.petit@example.test")!;
  expect(mail.subject).toBe("Invitation à suivre la scolarité de Léa Petit sur Plateforme college");
  const link = /https?:\/\/\S+\/school\/invitation\?token=[^\s"]+/.exec(mail.text)![0];
  const pctx = await browser.newContext({ locale: "en-GB" });
  const parent = await pctx.newPage();
  parent.setDefaultTimeout(10_000);
  await parent.goto(link);
  await poll(() => parent.locator("h1").textContent()).toBe(msg(en, "ui.school.invitation.title", { child: "Léa Petit" }));
  await parent.getByLabel(msg(en, "ui.school.invitation.username")).fill("sam.petit");
  await parent.getByLabel(msg(en, "ui.school.invitation.password")).fill("a long enough password");
  await expectAccessible(parent, "invitation");
  await screenshots(parent, "school-invitation");
  await parent.getByRole("button", { name: msg(en, "ui.school.invitation.createSubmit") }).click();
  await poll(() => parent.url()).toContain("/school/children");
  await poll(() => parent.getByRole("heading", { name: "Léa Petit" }).count()).toBe(1);
  await poll(() => main(parent)).toContain("Mathématiques · Claire Martin");
  await expectAccessible(parent, "children");
  await screenshots(parent, "school-children");
  await pctx.close();
});

it("the teacher writes homework in the diary; the pupil and the parent see it in their week, with the workload warning", async () => {
  const monday = "2026-11-23";
  const tctx = await browser.newContext({ locale: "fr-FR" });
  const teacher = await tctx.newPage();
  teacher.setDefaultTimeout(10_000);
  await signIn(teacher, base, "martin", fr);
  await teacher.goto(`${base}/school/diary?classId=${classA.id}&start=${monday}`);
  await teacher.getByRole("button", { name: msg(fr, "ui.school.diary.new") }).click();
  const dialog = teacher.getByRole("dialog");
  await dialog.getByRole("button", { name: msg(fr, "ui.school.class.subject") }).click();
  await teacher.getByRole("option", { name: "Mathématiques" }).click();
  await dialog.getByRole("textbox", { name: msg(fr, "ui.school.diary.entryTitle") }).fill("Exercices 3 à 5 page 42");
  await dialog.getByRole("textbox", { name: msg(fr, "ui.school.diary.content") }).click();
  await teacher.keyboard.type("Résoudre les équations du chapitre 4.");
  await dialog.getByRole("textbox", { name: msg(fr, "ui.school.diary.workload") }).fill("60");
  await dialog.getByRole("button", { name: msg(fr, "ui.school.diary.save") }).click();
  await poll(() => teacher.getByRole("heading", { name: "Exercices 3 à 5 page 42" }).count()).toBe(1);
  // a second homework due the same day passes the 90-minute threshold
  await s.k.db
    .insertInto("school_diary_entries")
    .values({
      tenant_id: p.tenantId,
      id: crypto.randomUUID(),
      class_id: classA.id,
      subject_id: (
        await s.k.db.selectFrom("school_subjects").select("id").where("tenant_id", "=", p.tenantId).where("code", "=", "HG").executeTakeFirstOrThrow()
      ).id,
      author_id: (await s.k.db.selectFrom("users").select("id").where("tenant_id", "=", p.tenantId).where("username", "=", "durand").executeTakeFirstOrThrow())
        .id,
      kind: "homework",
      day: monday,
      due_date: "2026-11-25",
      title: "Apprendre la leçon sur les Carolingiens",
      content: JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Leçon 3" }] }] }),
      content_html: "<p>Leçon 3</p>",
      workload_minutes: 45,
    })
    .execute();
  await teacher.reload();
  await poll(() => teacher.getByRole("status").filter({ hasText: "90 minutes" }).count()).toBe(1);
  await expectAccessible(teacher, "diary (teacher)");
  await screenshots(teacher, "school-diary-teacher");
  await tctx.close();

  const lctx = await browser.newContext({ locale: "fr-FR" });
  const pupil = await lctx.newPage();
  pupil.setDefaultTimeout(10_000);
  await signIn(pupil, base, "lea", fr);
  await pupil.goto(`${base}/school/diary?start=${monday}`);
  await poll(() => pupil.getByRole("heading", { name: "Exercices 3 à 5 page 42" }).count()).toBe(1);
  await poll(() => main(pupil)).toContain("Résoudre les équations du chapitre 4.");
  await expectAccessible(pupil, "diary (pupil)");
  await screenshots(pupil, "school-diary-pupil");
  await lctx.close();

  const pctx = await browser.newContext({ locale: "en-GB" });
  const parent = await pctx.newPage();
  parent.setDefaultTimeout(10_000);
  await parent.goto(`${base}/sign-in`);
  await parent.getByLabel(msg(en, "ui.signIn.login")).fill("sam.petit");
  await parent.getByLabel(msg(en, "ui.signIn.password")).fill("a long enough password");
  await parent.getByRole("button", { name: msg(en, "ui.signIn.submit") }).click();
  await poll(() => parent.url()).not.toContain("sign-in");
  await parent.goto(`${base}/school/diary?start=${monday}`);
  await poll(() => parent.getByRole("heading", { name: "Apprendre la leçon sur les Carolingiens" }).count()).toBe(1);
  await poll(() => main(parent)).toContain("Exercices 3 à 5 page 42");
  await expectAccessible(parent, "diary (parent)");
  await screenshots(parent, "school-diary-parent");
  await pctx.close();
});
