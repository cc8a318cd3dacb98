import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newId } from "../../src/kernel/ids.ts";
import { runJobs, sendDigests, subscribeUsers } from "../../src/modules/notifications/server/index.ts";
import { makeCourse, makeCourseForum, makeForumPost, makeOrg, makePlatform, makeUser, rootOf } from "../factories.ts";
import { startSmtp } from "../smtp.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";
import { type Catalog, catalog, main, msg, poll, signedInPage } from "./person.ts";

/**
 * Notifications, messages and digests in the browser: a pupil writes to her teacher, whose bell
 * and inbox update live; the teacher's reply appears live in the pupil's open conversation. A
 * learner asks for a daily digest on the preferences page, the digest reaches a real SMTP server
 * started here, lists the day's posts, and its unsubscribe link works signed out. A teacher sends
 * an announcement and reads its delivery report.
 */
const fr = catalog("fr");
const en = catalog("en");

let s: Served;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let browser: Browser;
let base: string;
let p: Awaited<ReturnType<typeof makePlatform>>;
const ids: Record<string, string> = {};
let courseId: string;

beforeAll(async () => {
  smtp = await startSmtp();
  s = await serve({ SMTP_URL: smtp.url });
  p = await makePlatform(s.k, "college");
  base = `http://college.localhost:${s.port}`;
  const school = await makeOrg(s.k, p.tenantId, rootOf(p), "Collège Jean Moulin", "school");
  const a = await makeOrg(s.k, p.tenantId, school, "5e A", "class");
  const b = await makeOrg(s.k, p.tenantId, school, "5e B", "class");
  ids.lea = (await makeUser(s.k, p.tenantId, a.id, "lea", "learner")).id;
  ids.hugo = (await makeUser(s.k, p.tenantId, a.id, "hugo", "learner")).id;
  ids.zoe = (await makeUser(s.k, p.tenantId, b.id, "zoe", "learner")).id;
  ids.martin = (await makeUser(s.k, p.tenantId, a.id, "martin", "teacher")).id;
  await s.k.db
    .updateTable("users")
    .set({ given_name: "Léa", family_name: "Petit", locale: "en" })
    .where("tenant_id", "=", p.tenantId)
    .where("id", "=", ids.lea)
    .execute();
  await s.k.db
    .updateTable("users")
    .set({ given_name: "Claire", family_name: "Martin" })
    .where("tenant_id", "=", p.tenantId)
    .where("id", "=", ids.martin)
    .execute();
  const course = { org_id: p.rootOrgId, title: "Sciences de la vie et de la Terre", status: "published" } as const;
  courseId = (await makeCourse(s.k, p.tenantId, course, { teachers: [ids.martin], learners: [ids.lea, ids.hugo, ids.zoe] })).id;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await smtp?.close();
});

const bellName = (cat: Catalog, n: number) =>
  cat === fr
    ? n === 0
      ? "Notifications, aucune non lue"
      : `Notifications, ${n} non lue${n > 1 ? "s" : ""}`
    : n === 0
      ? "Notifications, none unread"
      : `Notifications, ${n} unread`;

it("a message and its reply appear in real time in the other person's session", async () => {
  const teacher = await signedInPage(browser, base, "martin", { timeout: 10_000 });
  await teacher.goto(`${base}/messages`);
  await poll(() => main(teacher)).toContain(msg(fr, "ui.messages.empty"));
  await expect(teacher.getByRole("link", { name: bellName(fr, 0) }).count()).resolves.toBe(1);
  await expectAccessible(teacher, "empty inbox");

  const pupil = await signedInPage(browser, base, "lea", { locale: "en-GB", timeout: 10_000 });
  await pupil
    .getByRole("link", { name: msg(en, "ui.messages.nav") })
    .first()
    .click();
  await pupil.getByRole("link", { name: msg(en, "ui.messages.new") }).click();
  await poll(() => pupil.locator("h1").textContent()).toBe(msg(en, "ui.messages.new"));
  // a pupil of another class is not offered
  await pupil.getByLabel(msg(en, "ui.messages.search")).fill("zoe");
  await poll(() => main(pupil)).toContain(msg(en, "ui.messages.noMatch"));
  await pupil.getByLabel(msg(en, "ui.messages.search")).fill("mart");
  await pupil.getByRole("button", { name: msg(en, "ui.messages.add", { name: "Claire Martin" }) }).click();
  await pupil.getByRole("textbox", { name: msg(en, "ui.messages.body") }).fill("Hello Mrs Martin, I did not understand exercise 3.");
  await expectAccessible(pupil, "new message");
  await screenshots(pupil, "messages-new-en");
  await pupil.getByRole("button", { name: msg(en, "ui.messages.send") }).click();
  await poll(() => pupil.locator("h1").textContent()).toBe("Claire Martin");

  // the teacher's page was not reloaded: the bell and the inbox changed by themselves
  await poll(() => teacher.getByRole("link", { name: bellName(fr, 1) }).count()).toBe(1);
  await poll(() => main(teacher)).toContain("Hello Mrs Martin, I did not understand exercise 3.");
  await screenshots(teacher, "messages-inbox-fr");
  await teacher.getByRole("link", { name: /Léa Petit/ }).click();
  await poll(() => teacher.locator("h1").textContent()).toBe("Léa Petit");
  await poll(() => teacher.getByRole("link", { name: bellName(fr, 0) }).count()).toBe(1);
  await teacher.getByRole("textbox", { name: msg(fr, "ui.messages.reply") }).fill("Bonjour Léa, commence par calculer le coefficient directeur.");
  await teacher.getByRole("button", { name: msg(fr, "ui.messages.send") }).click();
  // …and the reply shows in the pupil's open conversation, live
  await poll(() => main(pupil)).toContain("Bonjour Léa, commence par calculer le coefficient directeur.");
  await poll(() => main(teacher)).toContain(msg(fr, "ui.messages.read"));
  await expectAccessible(teacher, "conversation");
  await screenshots(teacher, "messages-conversation-fr");
  await screenshots(pupil, "messages-conversation-en");

  // the pupil's notification centre lists the reply
  await pupil.goto(`${base}/notifications`);
  await poll(() => main(pupil)).toContain("Claire Martin wrote to you");
  await expectAccessible(pupil, "notification centre");
  await screenshots(pupil, "notifications-centre-en");
  // reading the conversation already read its notifications: nothing is left unread
  await poll(() => main(pupil)).toContain(msg(en, "ui.notifications.unreadCount").replace(/^\{count, plural, =0 \{([^}]*)\}.*$/, "$1"));
  await poll(() => pupil.getByRole("link", { name: bellName(en, 0) }).count()).toBe(1);
  await teacher.context().close();
  await pupil.context().close();
});

it("a daily digest reaches a real SMTP server, lists the day's posts, and its unsubscribe link works", async () => {
  const page = await signedInPage(browser, base, "hugo", { timeout: 10_000 });
  await page.goto(`${base}/notifications/preferences`);
  await poll(() => page.locator("h1").textContent()).toBe(msg(fr, "ui.notifications.prefs.title"));
  await page.getByText(msg(fr, "ui.notifications.prefs.daily"), { exact: true }).click();
  await page.getByText(msg(fr, "ui.notifications.prefs.byEmail"), { exact: true }).click();
  await poll(() => page.getByRole("checkbox", { name: msg(fr, "ui.notifications.prefs.byEmail"), exact: true }).isChecked()).toBe(true);
  await expectAccessible(page, "preferences");
  await page.getByRole("button", { name: msg(fr, "ui.notifications.prefs.save") }).click();
  await poll(() => page.locator(".toast").textContent()).toContain(msg(fr, "ui.notifications.prefs.saved"));
  await screenshots(page, "notifications-preferences-fr");

  // the forum of the course: Hugo follows it; two posts today, one three days ago
  const { forumId, threadId } = await makeCourseForum(s.k, p.tenantId, courseId, ids.martin!, "Forum de SVT");
  await subscribeUsers(s.k, p.tenantId, "forum", forumId, [ids.hugo!]);
  const post = (title: string, at: Date) =>
    makeForumPost(s.k, p.tenantId, {
      forumId,
      threadId,
      postId: newId(),
      authorId: ids.martin!,
      authorName: "Claire Martin",
      forumTitle: "Forum de SVT",
      threadTitle: title,
      excerpt: `À propos de ${title}`,
      path: `/courses/${courseId}`,
      createdAt: at,
    });
  await post("Les volcans d'Auvergne", new Date(Date.now() - 3 * 3600_000));
  await post("Sortie au musée jeudi", new Date(Date.now() - 3600_000));
  await post("Ancien sujet", new Date(Date.now() - 3 * 86400_000));
  await runJobs(s.k);
  const before = smtp.received;
  expect(await sendDigests(s.k, "daily")).toBe(1);
  await smtp.waitFor(before + 1);
  const mail = smtp.mails.at(-1)!;
  expect(mail.to).toBe("hugo@example.test");
  expect(mail.subject).toBe("Plateforme college : votre résumé du jour (2 messages)");
  expect(mail.text).toContain("Les volcans d'Auvergne — Forum de SVT");
  expect(mail.text).toContain("Sortie au musée jeudi");
  expect(mail.text).not.toContain("Ancien sujet");
  expect(mail.html).toContain("Les volcans d&#39;Auvergne");
  const link = /(https?:\/\/\S+\/unsubscribe\/\S+)/.exec(mail.text)![1]!;
  await page.context().close();

  // opened signed out (the mail's link points at the configured public address: same path here)
  const anon = await (await browser.newContext({ locale: "fr-FR" })).newPage();
  await anon.goto(`http://localhost:${s.port}${new URL(link).pathname}`);
  await poll(() => anon.locator("h1").textContent()).toBe(msg(fr, "ui.notifications.unsubscribe.title"));
  await expectAccessible(anon, "unsubscribe");
  await anon.getByRole("button", { name: msg(fr, "ui.notifications.unsubscribe.confirm") }).click();
  await poll(() => anon.locator(".alert-ok").textContent()).toContain(msg(fr, "ui.notifications.unsubscribe.done"));
  await screenshots(anon, "notifications-unsubscribed-fr");
  const prefs = await s.k.db
    .selectFrom("notification_prefs")
    .selectAll()
    .where("tenant_id", "=", p.tenantId)
    .where("user_id", "=", ids.hugo!)
    .executeTakeFirstOrThrow();
  expect(prefs.by_email).toBe(false);
  // no more digests by mail
  await post("Nouveau sujet", new Date());
  expect(await sendDigests(s.k, "daily", new Date(Date.now() + 86400_000))).toBe(0);
});

it("a teacher sends an announcement to the learners of a course and reads the delivery report", async () => {
  const page = await signedInPage(browser, base, "martin", { timeout: 10_000 });
  await page
    .getByRole("link", { name: msg(fr, "ui.mailing.nav") })
    .first()
    .click();
  await poll(() => page.locator("h1").textContent()).toBe(msg(fr, "ui.mailing.title"));
  await poll(() => main(page)).toContain("3 personnes recevront cette annonce.");
  await page.getByRole("textbox", { name: msg(fr, "ui.mailing.subject") }).fill("Sortie au musée jeudi");
  await page.getByRole("textbox", { name: msg(fr, "ui.mailing.body") }).fill("Bonjour à tous,\n\nRendez-vous jeudi à 9 h devant le collège.");
  await page.getByRole("button", { name: msg(fr, "ui.mailing.send") }).click();
  await poll(() => main(page)).toContain(msg(fr, "ui.mailing.seeReport"));
  await expectAccessible(page, "mailing");
  await screenshots(page, "mailing-new-fr");
  await page.getByRole("link", { name: msg(fr, "ui.mailing.seeReport") }).click();
  await poll(() => page.locator("h1").textContent()).toBe("Sortie au musée jeudi");
  await runJobs(s.k);
  await poll(() => main(page)).toContain(msg(fr, "ui.mailing.done"));
  // Hugo unsubscribed from notification mails, not from announcements: all three are sent
  await poll(() => page.locator(".count-sent dd").textContent()).toBe("3");
  await expectAccessible(page, "mailing report");
  await screenshots(page, "mailing-report-fr");
  await page.context().close();
});
