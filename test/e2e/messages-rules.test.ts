import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, PASSWORD, rootOf } from "../factories.ts";
import { signedIn } from "../helpers.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";

/**
 * Communication rules in the browser: a platform admin opens them from the inbox, sees what
 * applies to each profile of a school and where it comes from, stops pupils from writing to
 * their classmates there, and a pupil's next message to a classmate is refused; going back to
 * the inherited rule allows it again.
 */
type Tree = { [k: string]: string | Tree };
const fr = JSON.parse(readFileSync("locales/fr.json", "utf8")) as Tree;
const m = (id: string, values: Record<string, string | number> = {}) =>
  (id.split(".").reduce<string | Tree>((v, k) => (v as Tree)[k], fr) as string).replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 250 });

let s: Served;
let browser: Browser;
beforeAll(async () => {
  s = await serve();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

it("an admin edits a school's rule for pupils; it takes effect at once and can be reverted", async () => {
  const p = await makePlatform(s.k, "regles");
  const school = await makeOrg(s.k, p.tenantId, rootOf(p), "Collège Victor Hugo", "school");
  const cls = await makeOrg(s.k, p.tenantId, school, "4e B", "class");
  await makeUser(s.k, p.tenantId, cls.id, "lina");
  const sami = await makeUser(s.k, p.tenantId, cls.id, "sami");
  const lina = await signedIn(s.app, { host: p.host }, "lina");
  const write = () => lina.post("/api/v1/messages/conversations", { recipientIds: [sami.id], body: "Tu as le devoir de maths ?" });
  expect((await write()).status).toBe(200);

  const ctx = await browser.newContext({ locale: "fr-FR" });
  const page = await ctx.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`http://regles.localhost:${s.port}/sign-in`);
  await page.getByLabel(m("ui.signIn.login")).fill(p.adminLogin);
  await page.getByLabel(m("ui.signIn.password")).fill(PASSWORD);
  await page.getByRole("button", { name: m("ui.signIn.submit") }).click();
  await poll(() => page.locator("h1").textContent()).toMatch(/^Bonjour/);
  await page.goto(`http://regles.localhost:${s.port}/messages`);
  await page.getByRole("link", { name: m("ui.messages.rules.title") }).click();
  await poll(() => page.locator("h1").textContent()).toBe(m("ui.messages.rules.title"));
  await page.getByRole("button", { name: new RegExp(m("ui.messages.rules.node")) }).click();
  await page.getByRole("option", { name: "Collège Victor Hugo" }).click();
  const learners = page.locator(".rule-card").filter({ has: page.getByRole("heading", { name: m("ui.profiles.learner") }) });
  await poll(() => learners.locator(".rule-source").textContent()).toBe(m("ui.messages.rules.sourceDefaults"));
  const classmates = learners.getByRole("checkbox", { name: m("ui.messages.rules.relations.classmates") });
  expect(await classmates.isChecked()).toBe(true);
  await classmates.uncheck({ force: true });
  await learners.getByRole("button", { name: m("ui.messages.rules.save", { node: "Collège Victor Hugo" }) }).click();
  await poll(() => learners.locator(".rule-source").textContent()).toBe(m("ui.messages.rules.sourceHere"));
  await expectAccessible(page, "communication rules");
  await screenshots(page, "messages-rules");

  // the edited rule applies to the pupils of the school's classes at once
  const refused = await write();
  expect(refused.status).toBe(403);
  await learners.getByRole("button", { name: m("ui.messages.rules.reset") }).click();
  await poll(() => learners.locator(".rule-source").textContent()).toBe(m("ui.messages.rules.sourceDefaults"));
  expect((await write()).status).toBe(200);
  await ctx.close();
});
