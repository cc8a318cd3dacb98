import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { DEMO_PASSWORD, loadDemo } from "../../src/server/demo.ts";
import { expectAccessible, servedWithBrowser } from "./browser.ts";
import { catalog, msg, signedInPage } from "./person.ts";

/**
 * The shell's navigation on the demo network: a short bar per profile (daily items, "More", one
 * "Administration" item) and the administration hub listing only what the person's roles open.
 */
const fr = catalog("fr");
const t = servedWithBrowser((s) => loadDemo(s.k));

const SHOTS = "test-results/screenshots";
async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const [w, h, label] of [
    [1280, 800, "desktop"],
    [390, 844, "phone"],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
  }
  // the phone's first screen, as it opens
  await page.screenshot({ path: `${SHOTS}/${name}-phone-top.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
}

const h1 = (page: Page) => page.locator("h1").textContent();
const nav = (page: Page) => page.getByRole("navigation", { name: msg(fr, "ui.shell.mainNav") });
const adminLink = (page: Page) => nav(page).getByRole("link", { name: msg(fr, "ui.adminHub.nav") });
/** The bar's items stand on one line (no wrapping at 1280 px). */
const lines = (page: Page) =>
  nav(page)
    .locator("ul > li")
    .evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))).size);

it("an admin who is also the operator: a short bar, and every administration area in the hub", async () => {
  const base = `${t.s.url}/p/national`;
  const page = await signedInPage(t.browser, base, "admin.national", { viewport: { width: 1280, height: 800 }, timeout: 10_000, password: DEMO_PASSWORD });

  // the bar: daily items, "More", Administration; nothing of the administration itself
  await expect.poll(() => nav(page).locator("ul > li").count()).toBe(6);
  expect(await lines(page)).toBe(1);
  for (const gone of ["ui.nav.orgs", "ui.nav.platforms", "ui.moderation.nav", "ui.sso.nav", "ui.nav.outbox"])
    expect(
      await nav(page)
        .getByRole("link", { name: msg(fr, gone), exact: true })
        .count(),
    ).toBe(0);
  expect(await adminLink(page).getAttribute("aria-current")).toBeNull();

  // the hub: every section, a card per area
  await adminLink(page).click();
  await expect.poll(() => h1(page)).toBe(msg(fr, "ui.adminHub.title"));
  expect(await adminLink(page).getAttribute("aria-current")).toBe("page");
  const sections = await page.locator("main h2").allTextContents();
  expect(sections).toEqual(["people", "content", "school", "network", "services", "platform"].map((k) => msg(fr, `ui.adminHub.sections.${k}`)));
  const cards = await page.locator(".admin-hub-card").evaluateAll((els) => els.map((e) => e.getAttribute("data-entry")));
  expect(cards).toEqual([
    "orgs",
    "people",
    "import",
    "funders",
    "moderation",
    "subjects",
    "schoolImport",
    "timetableImport",
    "partners",
    "federation",
    "sso",
    "services",
    "platforms",
    "outbox",
    "catalog",
  ]);
  // each card's link is named by its title and described by its line
  const orgs = page.getByRole("link", { name: msg(fr, "ui.adminHub.entries.orgs.title"), exact: true });
  expect(await orgs.getAttribute("aria-describedby")).toBe("admin-hub-d-orgs");
  await expectAccessible(page, "admin hub");
  await shoot(page, "admin-hub-national-fr");

  // an area opens from its card; the Administration item stays current on every administration page
  await orgs.click();
  await expect.poll(() => h1(page)).toBe(msg(fr, "ui.orgs.title"));
  expect(await adminLink(page).getAttribute("aria-current")).toBe("page");
  for (const [path, title] of [
    ["/operator/outbox", "ui.outbox.title"],
    ["/moderation", "ui.moderation.title"],
    ["/school/subjects", "ui.school.subjects.title"],
  ]) {
    await page.goto(`${base}${path}`);
    await expect.poll(() => h1(page)).toBe(msg(fr, title));
    await expect.poll(() => adminLink(page).getAttribute("aria-current")).toBe("page");
  }
  // a daily page: its own item is current, Administration no longer
  await nav(page)
    .getByRole("link", { name: msg(fr, "ui.nav.courses") })
    .click();
  await expect
    .poll(() =>
      nav(page)
        .getByRole("link", { name: msg(fr, "ui.nav.courses") })
        .getAttribute("aria-current"),
    )
    .toBe("page");
  expect(await adminLink(page).getAttribute("aria-current")).toBeNull();

  // the home page offers Administration among its shortcuts
  await page.goto(`${base}/`);
  await page.locator("#home-services").waitFor();
  await page
    .locator(".services")
    .getByRole("link", { name: msg(fr, "ui.adminHub.nav"), exact: true })
    .click();
  await expect.poll(() => h1(page)).toBe(msg(fr, "ui.adminHub.title"));

  // at phone width the menu holds everything, Administration marked current
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: msg(fr, "ui.shell.menu"), exact: true }).click();
  const item = page.getByRole("menuitem", { name: msg(fr, "ui.adminHub.nav") });
  await expect.poll(() => item.getAttribute("aria-current")).toBe("page");
  await expectAccessible(page, "phone menu");
  await page.screenshot({ path: `${SHOTS}/admin-hub-national-menu-phone.png` });
  await page.keyboard.press("Escape");

  // a tablet (900 px): the menu button rather than a bar that would wrap
  await page.setViewportSize({ width: 900, height: 800 });
  await expect.poll(() => page.getByRole("button", { name: msg(fr, "ui.shell.menu"), exact: true }).isVisible()).toBe(true);
  expect(await nav(page).isVisible()).toBe(false);

  // in German: the hub follows the language
  await page.setViewportSize({ width: 1280, height: 800 });
  const de = catalog("de");
  await page
    .getByRole("button", { name: new RegExp(msg(fr, "ui.shell.language")) })
    .first()
    .click();
  await page.getByRole("option", { name: "Deutsch" }).click();
  await expect.poll(() => h1(page)).toBe(msg(de, "ui.adminHub.title"));
  await expect.poll(() => page.locator("main h2").first().textContent()).toBe(msg(de, "ui.adminHub.sections.people"));
  await expectAccessible(page, "admin hub de");
  await shoot(page, "admin-hub-national-de");
  await page.context().close();
});

it("a pupil: a short bar, the rest under More (keyboard), no Administration; the hub says so", async () => {
  const base = `${t.s.url}/p/college`;
  const page = await signedInPage(t.browser, base, "eleve.college", { viewport: { width: 1280, height: 800 }, timeout: 10_000, password: DEMO_PASSWORD });
  const bar = await nav(page).locator("ul > li").allTextContents();
  expect(bar.slice(0, 5)).toEqual(
    ["ui.nav.home", "ui.nav.courses", "ui.school.nav.diary", "ui.attendance.nav.timetable", "ui.messages.nav"].map((id) => msg(fr, id)),
  );
  expect(bar).toHaveLength(6);
  expect(await lines(page)).toBe(1);
  expect(await adminLink(page).count()).toBe(0);
  await shoot(page, "nav-pupil-home-fr");

  // "More" by keyboard: opens, arrows through, Enter follows the link, then marks where we are
  const more = nav(page).getByRole("button", { name: msg(fr, "ui.shell.more") });
  await more.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: msg(fr, "ui.shell.more") });
  await expect
    .poll(() => menu.getByRole("menuitem").allTextContents())
    .toEqual(["ui.nav.catalogue", "ui.programmes.nav", "ui.school.nav.classes", "ui.attendance.nav.absences", "ui.portal.nav"].map((id) => msg(fr, id)));
  await expectAccessible(page, "more menu");
  await page.screenshot({ path: `${SHOTS}/nav-pupil-more-open-desktop.png` });
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect.poll(() => h1(page)).toBe(msg(fr, "ui.programmes.title"));
  const moreNow = nav(page).getByRole("button", { name: msg(fr, "ui.programmes.nav") });
  await expect.poll(() => moreNow.getAttribute("class")).toContain("active");
  await moreNow.click();
  await expect.poll(() => page.getByRole("menuitem", { name: msg(fr, "ui.programmes.nav") }).getAttribute("aria-current")).toBe("page");
  expect(await page.getByRole("menuitem", { name: msg(fr, "ui.nav.catalogue") }).getAttribute("aria-current")).toBeNull();
  await page.keyboard.press("Escape");

  // the hub by its address: nothing to administer
  await page.goto(`${base}/admin`);
  await expect.poll(() => h1(page)).toBe(msg(fr, "ui.adminHub.title"));
  await expect.poll(() => page.locator("main").textContent()).toContain(msg(fr, "ui.adminHub.empty"));
  expect(await page.locator(".admin-hub-card").count()).toBe(0);
  await expectAccessible(page, "empty hub");
  await page.context().close();
});

it("a teacher, the vie scolaire and a parent: the daily items first, one line at 1280 px, no Administration", async () => {
  const base = `${t.s.url}/p/college`;
  const cases: [string, string[]][] = [
    ["prof.college", ["ui.nav.home", "ui.nav.courses", "ui.school.nav.classes", "ui.school.nav.diary", "ui.attendance.nav.timetable", "ui.messages.nav"]],
    ["cpe.college", ["ui.nav.home", "ui.school.nav.classes", "ui.attendance.nav.timetable", "ui.attendance.nav.absences", "ui.messages.nav"]],
    ["parent.college", ["ui.nav.home", "ui.school.nav.children", "ui.school.nav.diary", "ui.attendance.nav.timetable", "ui.messages.nav"]],
  ];
  for (const [login, daily] of cases) {
    const page = await signedInPage(t.browser, base, login, { viewport: { width: 1280, height: 800 }, timeout: 10_000, password: DEMO_PASSWORD });
    const bar = await nav(page).locator("ul > li").allTextContents();
    expect(bar.slice(0, daily.length), login).toEqual(daily.map((id) => msg(fr, id)));
    expect(bar, login).toHaveLength(daily.length + 1);
    expect(await lines(page), login).toBe(1);
    expect(await adminLink(page).count(), login).toBe(0);
    await expectAccessible(page, `${login} home`);
    await page.screenshot({ path: `${SHOTS}/nav-${login.replace(".college", "")}-desktop.png` });
    await page.context().close();
  }
});
