import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD, loadDemo } from "../../src/server/demo.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";

/**
 * Every page of the shell on the demo network, as the deployment admin (path mode /p/<slug>)
 * and as a department admin (hostname mode): accessible, and what each may see.
 */
type Tree = { [k: string]: string | Tree };
const fr = JSON.parse(readFileSync("locales/fr.json", "utf8")) as Tree;
const de = JSON.parse(readFileSync("locales/de.json", "utf8")) as Tree;
const msg = (cat: Tree, id: string) => id.split(".").reduce<string | Tree>((v, k) => (v as Tree)[k], cat) as string;

let s: Served;
let browser: Browser;
beforeAll(async () => {
  s = await serve();
  await loadDemo(s.k);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function signIn(page: Page, base: string, login: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(msg(fr, "ui.signIn.login")).fill(login);
  await page.getByLabel(msg(fr, "ui.signIn.password")).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: msg(fr, "ui.signIn.submit") }).click();
  await expect.poll(() => page.locator("h1").textContent()).toMatch(/^Bonjour/);
}

const h1 = (page: Page) => page.locator("h1").textContent();

it("the deployment admin's pages are accessible at desktop and phone width", async () => {
  const context = await browser.newContext({ locale: "fr-FR" });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const base = `${s.url}/p/national`;
  await signIn(page, base, "admin.national");
  const pages: [string, string][] = [
    ["/admin/orgs", "ui.orgs.title"],
    ["/admin/people", "ui.people.title"],
    ["/admin/import", "ui.import.title"],
    ["/operator/platforms", "ui.platforms.title"],
    ["/operator/outbox", "ui.outbox.title"],
    ["/account", "ui.account.title"],
  ];
  for (const [path, title] of pages) {
    await page.goto(`${base}${path}`);
    await expect.poll(() => h1(page)).toBe(msg(fr, title));
    await expectAccessible(page, path);
    await page.setViewportSize({ width: 360, height: 740 });
    await expectAccessible(page, `${path} at 360 px`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshots(page, `national${path.replaceAll("/", "-")}-fr`);
  }
  // the platforms page lists the four demo platforms
  await page.goto(`${base}/operator/platforms`);
  for (const name of ["Réseau national de formation", "Région Bretagne", "Région Occitanie", "Collège Jean Moulin"]) {
    await expect.poll(() => page.locator("main").textContent()).toContain(name);
  }
  // with their usage figures, the regions under the national platform, and each network's totals
  await expect.poll(() => page.locator("main").textContent()).toContain("sur 30 jours");
  const main = page.locator("main");
  await expect.poll(() => main.getByText(msg(fr, "ui.platforms.memberOf").replace("{network}", "Réseau national de formation")).count()).toBe(2);
  const networks = page.getByRole("grid", { name: msg(fr, "ui.platforms.networks") });
  await expect.poll(() => networks.getByRole("row").count()).toBe(3);
  expect(await networks.getByRole("row", { name: /Réseau national de formation/ }).getByRole("gridcell").nth(0).textContent()).toBe("3");
  await screenshots(page, "national-operator-platforms-usage-fr");
  // creating a platform asks its network, its language and its branding
  await page.getByRole("button", { name: msg(fr, "ui.platforms.create") }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: new RegExp(msg(fr, "ui.platforms.parent")) }).click();
  const options = page.getByRole("option");
  await expect.poll(() => options.allTextContents()).toEqual([msg(fr, "ui.platforms.noParent"), "Réseau national de formation", "Collège Jean Moulin"]);
  await page.keyboard.press("Escape");
  await expect.poll(() => dialog.getByRole("group", { name: msg(fr, "ui.platforms.branding") }).count()).toBe(1);
  await expect.poll(() => dialog.getByLabel(msg(fr, "ui.orgs.logo")).count()).toBe(1);
  await expectAccessible(page, "new platform dialog");
  await screenshots(page, "national-operator-platform-new-fr");
  await page.keyboard.press("Escape");
  // a region's network is editable; the national platform, heading one, keeps its place
  await page.getByRole("button", { name: msg(fr, "ui.platforms.editTitle").replace("{name}", "Réseau national de formation") }).click();
  await expect.poll(() => page.getByRole("dialog").textContent()).toContain(msg(fr, "ui.platforms.headsHelp"));
  await page.keyboard.press("Escape");
  // a person's page, then the same page in German
  await page.goto(`${base}/admin/people?q=claire`);
  await page.getByRole("link", { name: /Claire|Martin/ }).first().click();
  await expect.poll(() => page.locator("main").textContent()).toContain("claire.martin");
  await expectAccessible(page, "person");
  await screenshots(page, "national-person-fr");
  await context.close();
});

it("a department admin sees only their department, in German, by hostname", async () => {
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const base = `http://bretagne.localhost:${s.port}`;
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(msg(de, "ui.signIn.login")).fill("admin.finistere");
  await page.getByLabel(msg(de, "ui.signIn.password")).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: msg(de, "ui.signIn.submit") }).click();
  await expect.poll(() => h1(page)).toMatch(/^Hallo/);
  await page.goto(`${base}/admin/orgs`);
  await expect.poll(() => h1(page)).toBe(msg(de, "ui.orgs.title"));
  await expect.poll(() => page.locator("main").textContent()).toContain("Finistère");
  const text = await page.locator("main").textContent();
  for (const sibling of ["Morbihan", "Ille-et-Vilaine", "Côtes-d'Armor"]) expect(text).not.toContain(sibling);
  await expectAccessible(page, "department tree");
  await screenshots(page, "bretagne-department-orgs-de");
  await page.goto(`${base}/admin/people`);
  await expect.poll(() => page.locator("main").textContent()).toContain("formateur.bretagne");
  await screenshots(page, "bretagne-department-people-de");
  await context.close();
});
