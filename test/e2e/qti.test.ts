import { existsSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newId } from "../../src/kernel/ids.ts";
import { makePlatform, makeUser, PASSWORD } from "../factories.ts";
import { signedIn } from "../helpers.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";

/**
 * QTI in the browser: a teacher opens the bank's QTI page, chooses a real QTI 3.0 package (the
 * 1EdTech "interaction mix" from ../shared/fixtures/qti, read in place), checks it, reads the
 * report table (imported interactions and the hotspot that is not, with its reason), confirms the
 * import; then downloads the category as a QTI 3.0 package.
 */
type Tree = { [k: string]: string | Tree };
const fr = JSON.parse(readFileSync("locales/fr.json", "utf8")) as Tree;
const msg = (id: string, values: Record<string, string | number> = {}) =>
  (id.split(".").reduce<string | Tree>((v, k) => (v as Tree)[k], fr) as string).replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
const PACKAGE = "../shared/fixtures/qti/qti3-examples/packaging/interactionMixSaxonyV3/interactionMixSaxonyV3.zip";

let s: Served;
let browser: Browser;
let base: string;
let courseId: string;
let tenantId: string;
let categoryId: string;
beforeAll(async () => {
  s = await serve();
  const p = await makePlatform(s.k, "qti");
  tenantId = p.tenantId;
  base = `http://qti.localhost:${s.port}`;
  const teacher = await makeUser(s.k, p.tenantId, p.rootOrgId, "prof", "teacher");
  courseId = newId();
  await s.k.db
    .insertInto("courses")
    .values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "Géographie de la Saxe", status: "published" })
    .execute();
  await s.k.db.insertInto("course_members").values({ tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: teacher.id, role: "teacher" }).execute();
  const c = await signedIn(s.app, { host: `qti.localhost:${s.port}` }, "prof");
  const cat = await c.post("/api/v1/question-categories", { courseId, name: "Saxe" });
  expect(cat.status, JSON.stringify(cat.body)).toBe(200);
  categoryId = cat.body.id;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function signIn(page: Page, login: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(msg("ui.signIn.login")).fill(login, { timeout: 30_000 });
  await page.getByLabel(msg("ui.signIn.password")).fill(PASSWORD);
  await page.getByRole("button", { name: msg("ui.signIn.submit") }).click();
  await expect.poll(() => page.locator("h1").textContent()).not.toBe(msg("ui.signIn.title"));
}

// the fixtures live beside the repository (../shared), read in place; a checkout elsewhere skips, as the fixtures unit test does
it.skipIf(!existsSync(PACKAGE))("a teacher checks a QTI package, reads the per-interaction report, imports, then exports the category", async () => {
  const ctx = await browser.newContext({ locale: "fr-FR" });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, "prof");
  await page.goto(`${base}/courses/${courseId}/questions`);
  await page.getByRole("link", { name: msg("ui.qti.link") }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe(msg("ui.qti.title"));
  await expectAccessible(page, "QTI page");

  await page.locator('input[type="file"]').setInputFiles({ name: "interactionMixSaxonyV3.zip", mimeType: "application/zip", buffer: readFileSync(PACKAGE) });
  await expect.poll(() => page.locator("main").textContent()).toContain(msg("ui.qti.fileChosen", { name: "interactionMixSaxonyV3.zip" }));
  await page.getByRole("button", { name: msg("ui.qti.check") }).click();
  const report = page.getByRole("region", { name: msg("ui.qti.report") });
  await expect.poll(() => report.isVisible()).toBe(true);
  // the hotspot is reported, with its reason; supported interactions are imported
  const hotspotRow = report.locator(".qti-items tr", { hasText: "hotspotInteraction" }).first();
  await expect.poll(() => hotspotRow.textContent()).toContain(msg("qti.notes.interaction_unsupported", { interaction: "hotspotInteraction" }));
  await expect.poll(() => report.locator(".qti-badge-ok").count()).toBeGreaterThan(8);
  expect(await report.locator("caption").first().textContent()).toBe(msg("ui.qti.countsCaption"));
  // a dry run wrote nothing
  expect((await s.k.db.selectFrom("questions").select("id").where("tenant_id", "=", tenantId).where("category_id", "=", categoryId).execute()).length).toBe(0);
  await expectAccessible(page, "QTI dry-run report");
  await screenshots(page, "qti-report-fr");

  const confirm = page.getByRole("button", { name: /^Importer \d+ questions$/ });
  const n = Number((await confirm.textContent())!.match(/\d+/)![0]);
  expect(n).toBeGreaterThan(8);
  await confirm.click();
  await expect.poll(() => report.locator(".alert-ok").textContent()).toBe(`${n} questions importées.`);
  const rows = await s.k.db.selectFrom("questions").select("type").where("tenant_id", "=", tenantId).where("category_id", "=", categoryId).execute();
  expect(rows).toHaveLength(n);
  const types = new Set(rows.map((r) => r.type));
  for (const type of ["single", "multiple", "truefalse", "numeric", "matching", "ordering"]) expect(types, type).toContain(type);

  // export: the whole category, then a selection
  const link = page.getByRole("link", { name: msg("ui.qti.exportCategory") });
  // fetched from the page (its cookies; Node cannot resolve *.localhost)
  const head = await page.evaluate(
    async (href) => {
      const r = await fetch(href!);
      const b = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get("content-type"), magic: String.fromCharCode(b[0], b[1]) };
    },
    await link.getAttribute("href"),
  );
  expect(head).toEqual({ status: 200, type: "application/zip", magic: "PK" });
  await page.locator(".qti-select .checkbox").first().click();
  await expect.poll(() => page.locator(".qti-export a[href*='ids=']").count()).toBe(1);
  await expectAccessible(page, "QTI page after import");
  await screenshots(page, "qti-page-fr");
  await ctx.close();
});
