import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SETUP_CODE } from "../helpers.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";

/**
 * The foundation as a person meets it in Chromium: first-run setup, sign-in, the six languages,
 * an organisation node with its colour changing the branding, a CSV import of 100 people, and
 * signing in as one of them. axe checks each page; screenshots go to test-results/screenshots.
 */
type Tree = { [k: string]: string | Tree };
const msgs = Object.fromEntries(
  ["fr", "en", "es", "nl", "de", "it"].map((l) => [l, JSON.parse(readFileSync(`locales/${l}.json`, "utf8")) as Tree]),
);
const m = (lang: string, id: string, values: Record<string, string> = {}) => {
  let v: string | Tree = msgs[lang];
  for (const k of id.split(".")) v = (v as Tree)[k];
  return (v as string).replace(/\{(\w+)\}/g, (_, k) => values[k] ?? `{${k}}`);
};
const fr = (id: string, values?: Record<string, string>) => m("fr", id, values);

const ADMIN = { username: "ada.admin", password: "une phrase de passe solide" };
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;

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

async function signIn(page: Page, login: string, password: string) {
  await page.getByLabel(fr("ui.signIn.login")).fill(login);
  await page.getByLabel(fr("ui.signIn.password")).fill(password);
  await page.getByRole("button", { name: fr("ui.signIn.submit") }).click();
}

async function chooseLanguage(page: Page, label: string, name: string) {
  await page.getByRole("button", { name: new RegExp(label) }).first().click();
  await page.getByRole("option", { name }).click();
}

describe("foundation in the browser", () => {
  it("sets up, signs in, speaks six languages, brands a node, imports 100 people who can sign in", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on("dialog", (d) => void d.accept());

    // first run: setup page
    await page.goto(s.url);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(fr("ui.setup.title"));
    await expectAccessible(page, "setup");
    await screenshots(page, "setup-fr");
    await page.getByLabel(fr("ui.setup.code")).fill(SETUP_CODE);
    await page.getByLabel(fr("ui.setup.platformName")).fill("Académie des Îles");
    await page.getByLabel(fr("ui.setup.slug")).fill("iles");
    await page.getByLabel(fr("ui.people.givenName")).fill("Ada");
    await page.getByLabel(fr("ui.people.familyName")).fill("Lovelace");
    await page.getByLabel(fr("ui.people.username")).fill(ADMIN.username);
    await page.getByLabel(fr("ui.people.email")).fill("ada@iles.test");
    await page.getByLabel(fr("ui.account.newPassword")).fill(ADMIN.password);
    await page.getByLabel(fr("ui.account.confirmPassword")).fill(ADMIN.password);
    await page.getByRole("button", { name: fr("ui.setup.submit") }).click();

    // sign-in page, branded with the new platform
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(fr("ui.signIn.title"));
    await expect.poll(() => page.locator("body").textContent()).toContain("Académie des Îles");
    await expectAccessible(page, "sign-in");
    await screenshots(page, "sign-in-fr");
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(fr("ui.home.greeting", { name: "Ada" }));
    await expectAccessible(page, "home");
    await screenshots(page, "home-admin-fr");

    // the six languages, and back to French; the choice is kept on the account
    let current = "fr";
    for (const lang of ["en", "es", "nl", "de", "it", "fr"]) {
      const name = new Intl.DisplayNames([lang], { type: "language" }).of(lang)!;
      await chooseLanguage(page, m(current, "ui.shell.language"), name.charAt(0).toLocaleUpperCase(lang) + name.slice(1));
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(m(lang, "ui.home.greeting", { name: "Ada" }));
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe(lang);
      if (lang === "de") await screenshots(page, "home-admin-de");
      current = lang;
    }
    await page.reload();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(fr("ui.home.greeting", { name: "Ada" }));

    // an organisation node with its own colour
    // administration pages are reached through the Administration item and its hub
    await page.getByRole("navigation", { name: fr("ui.shell.mainNav") }).getByRole("link", { name: fr("ui.adminHub.nav") }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(fr("ui.adminHub.title"));
    await page.getByRole("link", { name: fr("ui.adminHub.entries.orgs.title"), exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(fr("ui.orgs.title"));
    await page.getByRole("button", { name: fr("ui.orgs.addChild") }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(fr("ui.orgs.name")).fill("Collège du Port");
    await dialog.getByRole("button", { name: fr("ui.orgs.kind") }).click();
    await page.getByRole("option", { name: fr("ui.kinds.school") }).click();
    await dialog.getByText(fr("ui.orgs.inheritColor")).click();
    await dialog.getByLabel(fr("ui.orgs.colorHex")).fill("#0f766e");
    await dialog.getByRole("button", { name: fr("ui.orgs.create") }).click();
    await expect.poll(() => page.getByRole("treegrid").textContent()).toContain("Collège du Port");
    await expectAccessible(page, "organisations");
    await screenshots(page, "orgs-fr");

    // branding: recolour the platform itself, the header follows at once
    const header = page.locator(".site-header");
    await page.getByRole("row", { name: /Académie des Îles/ }).click();
    await page.getByText(fr("ui.orgs.defaultColor")).click();
    await page.getByLabel(fr("ui.orgs.colorHex")).fill("#b91c1c");
    await page.getByRole("button", { name: fr("ui.common.save") }).click();
    await expect.poll(() => header.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(rgb("#b91c1c"));

    // import 100 people into the new school, with a class column
    const lines = ["username;email;given_name;family_name;profile;class;password"];
    for (let i = 1; i <= 100; i++) lines.push(`eleve${i};eleve${i}@iles.test;Élève${i};Ça-Va;élève;${i <= 50 ? "6e A" : "6e B"};mot-de-passe-${i}-ok`);
    await page.getByRole("navigation", { name: fr("ui.shell.mainNav") }).getByRole("link", { name: fr("ui.adminHub.nav") }).click();
    await page.getByRole("link", { name: fr("ui.adminHub.entries.import.title"), exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(fr("ui.import.title"));
    await page.getByRole("button", { name: fr("ui.import.target") }).click();
    await page.getByRole("option", { name: /Collège du Port/ }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: "eleves.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n"), "utf8") });
    await page.getByRole("button", { name: fr("ui.import.check") }).click();
    await expect.poll(() => page.locator("main").textContent()).toContain("100");
    await page.getByRole("button", { name: /^Importer 100/ }).click();
    await expect.poll(() => page.getByRole("link", { name: fr("ui.import.seePeople") }).count(), { timeout: 30_000 }).toBe(1);
    await expectAccessible(page, "import");
    await screenshots(page, "import-done-fr");

    // one of them signs in, under the school's branding
    await page.getByRole("button", { name: new RegExp(m("fr", "ui.shell.userMenu", { name: "" }).trim()) }).click();
    await page.getByRole("menuitem", { name: fr("ui.shell.signOut") }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(fr("ui.signIn.title"));
    await signIn(page, "eleve42", "mot-de-passe-42-ok");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(fr("ui.home.greeting", { name: "Élève42" }));
    await expect.poll(() => page.locator("main").textContent()).toContain("6e A");
    // the class created by the import inherits the school's colour, not the platform's
    await expect.poll(() => header.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(rgb("#0f766e"));
    await expectAccessible(page, "learner home");
    await screenshots(page, "home-learner-fr");
    await context.close();
  });
});
