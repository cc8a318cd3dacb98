import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { DEMO_PASSWORD, loadDemo } from "../../src/server/demo.ts";
import { expectAccessible, screenshots, servedWithBrowser } from "./browser.ts";
import { catalog, msg, signedInPage } from "./person.ts";

/**
 * Every page of the shell on the demo network, as the deployment admin (path mode /p/<slug>)
 * and as a department admin (hostname mode): accessible, and what each may see.
 */
const fr = catalog("fr");
const de = catalog("de");
const t = servedWithBrowser((s) => loadDemo(s.k));

const h1 = (page: Page) => page.locator("h1").textContent();

it("the deployment admin's pages are accessible at desktop and phone width", async () => {
  const base = `${t.s.url}/p/national`;
  const page = await signedInPage(t.browser, base, "admin.national", { timeout: 10_000, password: DEMO_PASSWORD });
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
  await expect.poll(() => main.getByText(msg(fr, "ui.platforms.memberOf", { network: "Réseau national de formation" })).count()).toBe(2);
  const networks = page.getByRole("grid", { name: msg(fr, "ui.platforms.networks") });
  await expect.poll(() => networks.getByRole("row").count()).toBe(3);
  expect(
    await networks
      .getByRole("row", { name: /Réseau national de formation/ })
      .getByRole("gridcell")
      .nth(0)
      .textContent(),
  ).toBe("3");
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
  await page.getByRole("button", { name: msg(fr, "ui.platforms.editTitle", { name: "Réseau national de formation" }) }).click();
  await expect.poll(() => page.getByRole("dialog").textContent()).toContain(msg(fr, "ui.platforms.headsHelp"));
  await page.keyboard.press("Escape");
  // a person's page, then the same page in German
  await page.goto(`${base}/admin/people?q=claire`);
  await page
    .getByRole("link", { name: /Claire|Martin/ })
    .first()
    .click();
  await expect.poll(() => page.locator("main").textContent()).toContain("claire.martin");
  await expectAccessible(page, "person");
  await screenshots(page, "national-person-fr");
  await page.context().close();
});

it("a department admin sees only their department, in German, by hostname", async () => {
  const base = `http://bretagne.localhost:${t.s.port}`;
  const page = await signedInPage(t.browser, base, "admin.finistere", { locale: "de-DE", timeout: 10_000, password: DEMO_PASSWORD });
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
  await page.context().close();
});
