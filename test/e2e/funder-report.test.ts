import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newId } from "../../src/kernel/ids.ts";
import { makePlatform, makeUser, PASSWORD } from "../factories.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";

/**
 * The funder report in the browser: a course manager reads the figures of a learner (built from
 * known events and attendance), records the learner's funder, filters on it, and finds the CSV
 * and the attestation links. The server test (src/modules/reporting) checks every figure.
 */
type Tree = { [k: string]: string | Tree };
const fr = JSON.parse(readFileSync("locales/fr.json", "utf8")) as Tree;
const msg = (cat: Tree, id: string, values: Record<string, string | number> = {}) =>
  (id.split(".").reduce<string | Tree>((v, k) => (v as Tree)[k], cat) as string).replace(/\{(\w+)\}/g, (_, k) => String(values[k]));

let s: Served;
let browser: Browser;
let base: string;
let courseId: string;
beforeAll(async () => {
  s = await serve();
  const p = await makePlatform(s.k, "forma");
  base = `http://forma.localhost:${s.port}`;
  const tid = p.tenantId;
  const m = await makeUser(s.k, tid, p.rootOrgId, "responsable", "teacher");
  const learners = [await makeUser(s.k, tid, p.rootOrgId, "alice"), await makeUser(s.k, tid, p.rootOrgId, "bruno")];
  courseId = newId();
  await s.k.db.insertInto("courses").values({ tenant_id: tid, id: courseId, org_id: p.rootOrgId, title: "Soudure TIG", status: "published" }).execute();
  await s.k.db
    .insertInto("course_members")
    .values([
      { tenant_id: tid, id: newId(), course_id: courseId, user_id: m.id, role: "manager" },
      ...learners.map((l) => ({ tenant_id: tid, id: newId(), course_id: courseId, user_id: l.id, role: "learner" as const })),
    ])
    .execute();
  // alice: two events 20 minutes apart in the course, one 3-hour session attended
  const at = (min: number) => new Date(Date.UTC(2026, 2, 3, 9, min));
  await s.k.db
    .insertInto("events")
    .values(
      [0, 20].map((min) => ({
        tenant_id: tid,
        id: newId(),
        actor_id: learners[0].id,
        verb: "viewed",
        object_type: "page",
        object_id: `/courses/${courseId}`,
        at: at(min),
      })),
    )
    .execute();
  const session = newId();
  await s.k.db
    .insertInto("course_sessions")
    .values({
      tenant_id: tid,
      id: session,
      course_id: courseId,
      title: "Atelier",
      kind: "in-person",
      starts_at: new Date("2026-03-04T08:00:00Z"),
      ends_at: new Date("2026-03-04T11:00:00Z"),
      place: "Brest",
    })
    .execute();
  await s.k.db.insertInto("session_attendance").values({ tenant_id: tid, session_id: session, user_id: learners[0].id, status: "present" }).execute();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const main = (page: Page) => page.locator("main").textContent();

it("a manager reads the report, records a funder and filters on it", async () => {
  const ctx = await browser.newContext({ locale: "fr-FR" });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(msg(fr, "ui.signIn.login")).fill("responsable");
  await page.getByLabel(msg(fr, "ui.signIn.password")).fill(PASSWORD);
  await page.getByRole("button", { name: msg(fr, "ui.signIn.submit") }).click();
  await expect.poll(() => page.locator("h1").textContent()).toMatch(/^Bonjour/);

  await page.goto(`${base}/courses/${courseId}`);
  await page.getByRole("link", { name: msg(fr, "ui.reporting.courseLink") }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe(msg(fr, "ui.reporting.title"));
  const alice = page.getByRole("row", { name: /alice/ });
  await expect.poll(() => alice.textContent()).toContain("0:20");
  expect(await alice.textContent()).toContain("3:00");

  await alice.getByRole("button", { name: msg(fr, "ui.reporting.editFunderNamed", { name: "alice Test" }) }).click();
  await page.getByRole("dialog").getByLabel(msg(fr, "ui.reporting.funder")).fill("OPCO Atlas");
  await page
    .getByRole("dialog")
    .getByRole("button", { name: msg(fr, "ui.common.save") })
    .click();
  await expect.poll(() => alice.textContent()).toContain("OPCO Atlas");

  await page.getByRole("button", { name: new RegExp(msg(fr, "ui.reporting.allFunders")) }).click();
  await page.getByRole("option", { name: "OPCO Atlas" }).click();
  await expect.poll(() => page.getByRole("row").count()).toBe(2);
  expect(await main(page)).not.toContain("bruno");
  const csv = await page.getByRole("link", { name: msg(fr, "ui.reporting.csv.download") }).getAttribute("href");
  expect(csv).toContain("funder=OPCO+Atlas");
  const pdf = await page.getByRole("link", { name: msg(fr, "ui.reporting.pdf", { name: "alice Test" }) }).getAttribute("href");
  expect(pdf).toContain("/attestation.pdf");
  await page.getByText(msg(fr, "ui.reporting.methodTitle")).click();
  await expectAccessible(page, "funder report");
  await screenshots(page, "funder-report-fr");
});
