import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { newId } from "../../src/kernel/ids.ts";
import { makeOrg, makePlatform, makeUser, rootOf } from "../factories.ts";
import { expectAccessible, screenshots, servedWithBrowser } from "./browser.ts";
import { catalog, msg, signedInPage } from "./person.ts";

/**
 * Courses in the browser: a teacher creates a course with three sections and a page, publishes
 * it; a learner (made a member by a factory: enrolment is its own module) finds it in the
 * catalogue and reads it. Accessible at 1280 and 360 px, in French and English.
 */
const fr = catalog("fr");
const en = catalog("en");

let base: string;
let tenantId: string;
let learnerId: string;

const t = servedWithBrowser(async (s) => {
  const p = await makePlatform(s.k, "lycee");
  tenantId = p.tenantId;
  const dept = await makeOrg(s.k, p.tenantId, rootOf(p), "Sciences", "department");
  await makeUser(s.k, p.tenantId, dept.id, "mme.prof", "teacher");
  learnerId = (await makeUser(s.k, p.tenantId, dept.id, "lea.eleve", "learner")).id;
  base = `http://lycee.localhost:${s.port}`;
});

const h1 = (page: Page) => page.locator("h1").textContent();

async function checkPage(page: Page, name: string) {
  await expectAccessible(page, name);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectAccessible(page, `${name} at 360 px`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshots(page, name);
}

let courseId = "";

it("a teacher creates a course with three sections and a page, and publishes it", async () => {
  const page = await signedInPage(t.browser, base, "mme.prof", { timeout: 10_000 });
  // the home page has a "my courses" card, the navigation a Courses entry
  await expect.poll(() => page.locator("main").textContent()).toContain(msg(fr, "ui.courses.emptyHome"));
  await page
    .getByRole("navigation", { name: msg(fr, "ui.shell.mainNav") })
    .getByRole("link", { name: msg(fr, "ui.nav.courses") })
    .click();
  await expect.poll(() => h1(page)).toBe(msg(fr, "ui.courses.title"));
  await checkPage(page, "courses-empty-fr");

  await page.getByRole("button", { name: msg(fr, "ui.courses.create") }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(msg(fr, "ui.courses.fields.title")).fill("Mathématiques : les équations");
  await dialog.getByLabel(msg(fr, "ui.courses.fields.summary")).fill("Résoudre des équations du premier et du second degré");
  await dialog.getByRole("button", { name: msg(fr, "ui.courses.create") }).click();
  await expect.poll(() => h1(page)).toBe(msg(fr, "ui.courses.editTitle", { title: "Mathématiques : les équations" }));
  courseId = page.url().split("/courses/")[1].split("/")[0];

  for (const title of ["Introduction", "Premier degré", "Second degré"]) {
    await page.getByRole("button", { name: msg(fr, "ui.courses.addSection") }).click();
    await page.getByRole("dialog").getByLabel(msg(fr, "ui.courses.fields.sectionTitle")).fill(title);
    await page
      .getByRole("dialog")
      .getByRole("button", { name: msg(fr, "ui.courses.add") })
      .click();
    await expect.poll(() => page.getByRole("heading", { level: 3, name: new RegExp(title) }).count()).toBe(1);
  }

  // a page in the first section, written in the rich-text editor
  await page.getByRole("button", { name: msg(fr, "ui.courses.addItemTo", { title: "Introduction" }) }).click();
  await page.getByRole("dialog").getByLabel(msg(fr, "ui.courses.fields.itemTitle")).fill("Bienvenue");
  await page
    .getByRole("dialog")
    .getByRole("button", { name: msg(fr, "ui.courses.add") })
    .click();
  await expect.poll(() => h1(page)).toBe(msg(fr, "ui.courses.editItem", { title: "Bienvenue" }));
  const editor = page.getByRole("textbox", { name: msg(fr, "ui.courses.fields.body") });
  await editor.click();
  await page.keyboard.type("Bienvenue dans ce cours sur les équations.");
  await checkPage(page, "course-item-editor-fr");
  await page.getByRole("button", { name: msg(fr, "ui.common.save"), exact: true }).click();
  await expect.poll(() => h1(page)).toBe(msg(fr, "ui.courses.editTitle", { title: "Mathématiques : les équations" }));
  // a link in the second section
  await page.getByRole("button", { name: msg(fr, "ui.courses.addItemTo", { title: "Premier degré" }) }).click();
  const d2 = page.getByRole("dialog");
  await d2.getByRole("button", { name: new RegExp(msg(fr, "ui.courses.fields.kind")) }).click();
  await page.getByRole("option", { name: msg(fr, "ui.courses.kinds.link") }).click();
  await d2.getByLabel(msg(fr, "ui.courses.fields.itemTitle")).fill("Exercices en ligne");
  await d2.getByLabel(msg(fr, "ui.courses.fields.url")).fill("https://example.org/exercices");
  await d2.getByRole("button", { name: msg(fr, "ui.courses.add") }).click();
  await expect.poll(() => page.getByRole("row", { name: /Exercices en ligne/ }).count()).toBe(1);

  // keyboard reorder: move the link to the first section with the "Move to" menu
  await page.getByRole("button", { name: msg(fr, "ui.courses.moveToNamed", { title: "Exercices en ligne" }) }).click();
  await page.getByRole("menuitem", { name: "Introduction" }).click();
  await expect.poll(() => page.locator(".toast").textContent()).toContain("Exercices en ligne");
  await expect
    .poll(() =>
      page
        .getByRole("grid", { name: msg(fr, "ui.courses.itemsOf", { title: "Introduction" }) })
        .getByRole("row")
        .count(),
    )
    .toBe(2);

  // the description, in the settings
  await page.getByRole("textbox", { name: msg(fr, "ui.courses.fields.description") }).click();
  await page.keyboard.type("Un cours pour apprendre à résoudre des équations pas à pas.");
  await page.getByRole("button", { name: msg(fr, "ui.common.save"), exact: true }).click();
  await expect.poll(() => page.locator(".toast").textContent()).toContain(msg(fr, "ui.courses.saved"));
  await page.getByRole("button", { name: msg(fr, "ui.courses.publish") }).click();
  await expect.poll(() => page.locator(".publish-bar").textContent()).toContain(msg(fr, "ui.courses.statuses.published"));
  await checkPage(page, "course-editor-fr");

  const r = await t.s.k.db
    .selectFrom("course_items")
    .select(["title", "position", "section_id"])
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .orderBy("position")
    .execute();
  expect(r.map((i) => i.title)).toEqual(["Bienvenue", "Exercices en ligne"]);
  await page.context().close();
});

it("a learner finds the course in the catalogue and reads it (French, then English)", async () => {
  await t.s.k.db
    .insertInto("course_members")
    .values({ tenant_id: tenantId, id: newId(), course_id: courseId, user_id: learnerId, role: "learner", source: "teacher" })
    .execute();
  for (const [cat, locale, lang] of [
    [fr, "fr-FR", "fr"],
    [en, "en-GB", "en"],
  ] as const) {
    const page = await signedInPage(t.browser, base, "lea.eleve", { locale, timeout: 10_000 });
    await page.goto(`${base}/catalogue`);
    await expect.poll(() => h1(page)).toBe(msg(cat, "ui.catalogue.title"));
    await page.getByRole("searchbox", { name: msg(cat, "ui.catalogue.search") }).fill("mathematique equation");
    await expect.poll(() => page.locator("main .cards").textContent()).toContain("Mathématiques : les équations");
    await checkPage(page, `catalogue-${lang}`);
    await page.goto(`${base}/courses/${courseId}/about`);
    await expect.poll(() => page.locator("main").textContent()).toContain(msg(cat, "ui.catalogue.teachers"));
    await expect.poll(() => page.locator("main").textContent()).toContain("mme.prof");
    await checkPage(page, `course-about-${lang}`);
    await page.goto(`${base}/catalogue?q=equations`);
    await page.getByRole("link", { name: "Mathématiques : les équations" }).click();
    await expect.poll(() => h1(page)).toBe("Mathématiques : les équations");
    await expect.poll(() => page.locator("main").textContent()).toContain(msg(cat, "ui.courses.progress"));
    await checkPage(page, `course-learner-${lang}`);
    await page.getByRole("link", { name: "Bienvenue" }).click();
    await expect.poll(() => page.locator("main").textContent()).toContain("Bienvenue dans ce cours");
    await checkPage(page, `course-page-${lang}`);
    // back on the course page, the page counts as viewed
    await page.getByRole("link", { name: "Mathématiques : les équations" }).click();
    await expect.poll(() => page.locator("main").textContent()).toContain(msg(cat, "ui.courses.progress"));
    const seen = await t.s.k.db
      .selectFrom("item_progress")
      .select("viewed_at")
      .where("tenant_id", "=", tenantId)
      .where("user_id", "=", learnerId)
      .where("course_id", "=", courseId)
      .execute();
    expect(seen.length).toBeGreaterThan(0);
    const link = page.getByRole("link", { name: "Exercices en ligne" });
    await link.click();
    const out = page.getByRole("link", { name: new RegExp(msg(cat, "ui.courses.openLink")) });
    expect(await out.getAttribute("target")).toBe("_blank");
    expect(await out.getAttribute("rel")).toContain("noopener");
    await page.context().close();
  }
});
