import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/kernel/ids.ts";
import { makePlatform, makeUser, PASSWORD } from "../factories.ts";
import { signedIn } from "../helpers.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";
import { recordWebm } from "./webm.ts";

/**
 * A captioned video item in Chromium: the teacher uploads a real WebM (recorded from a canvas
 * with MediaRecorder in the page: no binary fixture, no ffmpeg) and WebVTT captions through the
 * course editor; the learner plays it, the captions track loads its cues, seeking is served by
 * byte ranges (206), and reloading resumes where they paused.
 */
type Tree = { [k: string]: string | Tree };
const fr = JSON.parse(readFileSync("locales/fr.json", "utf8")) as Tree;
const m = (id: string, values: Record<string, string> = {}) => {
  let v: string | Tree = fr;
  for (const k of id.split(".")) v = (v as Tree)[k];
  return (v as string).replace(/\{(\w+)\}/g, (_, k) => values[k] ?? `{${k}}`);
};

const VTT =
  "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nBonjour et bienvenue\n\n00:00:02.000 --> 00:00:05.000\nLa lumière se propage en ligne droite\n\n00:00:05.000 --> 00:00:08.000\nFin\n";

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

async function signIn(page: Page, base: string, login: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(m("ui.signIn.login")).fill(login);
  await page.getByLabel(m("ui.signIn.password")).fill(PASSWORD);
  await page.getByRole("button", { name: m("ui.signIn.submit") }).click();
  await page.waitForURL((u) => !u.pathname.endsWith("/sign-in"));
}

describe("video item in the browser", () => {
  it("uploads a captioned video, plays it with its captions, seeks with ranges and resumes where the learner paused", async () => {
    const p = await makePlatform(s.k, "video");
    const base = `${s.url}/p/video`;
    const learner = await makeUser(s.k, p.tenantId, p.rootOrgId, "lea", "learner");
    const admin = await signedIn(s.app, { host: p.host }, p.adminLogin);
    const course = (await admin.post("/api/v1/courses", { orgId: p.rootOrgId, title: "Optique" })).body;
    const section = (await admin.post(`/api/v1/courses/${course.id}/sections`, { title: "La lumière" })).body;

    // the teacher (platform admin) adds the video item in the course editor
    const tctx = await browser.newContext({ locale: "fr-FR" });
    const teacher = await tctx.newPage();
    teacher.setDefaultTimeout(30_000);
    await signIn(teacher, base, p.adminLogin);
    const webm = await recordWebm(teacher, 8);
    expect(webm.subarray(0, 4).toString("hex")).toBe("1a45dfa3");
    await teacher.goto(`${base}/courses/${course.id}/edit`);
    await expect.poll(() => teacher.getByRole("heading", { level: 1 }).textContent()).toContain("Optique");
    await teacher.getByRole("button", { name: m("ui.courses.addItemTo", { title: section.title }) }).click();
    const dialog = teacher.getByRole("dialog");
    await dialog.getByRole("button", { name: new RegExp(m("ui.courses.fields.kind")) }).click();
    await teacher.getByRole("option", { name: m("ui.courses.kinds.video") }).click();
    await dialog.getByLabel(m("ui.courses.fields.itemTitle")).fill("Propagation de la lumière");
    const inputs = dialog.locator('input[type="file"]');
    await expect.poll(() => inputs.count()).toBe(2);
    // a refused file says why, in French, next to the field
    await inputs.nth(1).setInputFiles({ name: "sous-titres.vtt", mimeType: "text/vtt", buffer: Buffer.from("1\n00:00:01,000 --> 00:00:02,000\nSRT\n") });
    await expect.poll(() => dialog.getByRole("alert").allTextContents()).toContainEqual(expect.stringContaining("WebVTT"));
    await inputs.nth(0).setInputFiles({ name: "lumiere.webm", mimeType: "video/webm", buffer: webm });
    await expect.poll(() => dialog.textContent()).toContain(m("ui.files.current", { name: "lumiere.webm" }));
    await inputs.nth(1).setInputFiles({ name: "sous-titres.vtt", mimeType: "text/vtt", buffer: Buffer.from(VTT) });
    await expect.poll(() => dialog.textContent()).toContain(m("ui.files.current", { name: "sous-titres.vtt" }));
    await expectAccessible(teacher, "add video item");
    await screenshots(teacher, "video-item-editor-fr");
    await dialog.getByRole("button", { name: m("ui.courses.add") }).click();
    await expect.poll(() => teacher.getByRole("dialog").count()).toBe(0);
    const items = await s.k.db.selectFrom("course_items").selectAll().where("tenant_id", "=", p.tenantId).where("course_id", "=", course.id).execute();
    expect(items).toHaveLength(1);
    const item = items[0];
    expect(item.kind).toBe("video");
    expect(item.file_id && item.captions_file_id).toBeTruthy();
    // editing the item shows the files it holds, by name
    await teacher.goto(`${base}/courses/${course.id}/items/${item.id}/edit`);
    await expect.poll(() => teacher.locator("main").textContent()).toContain(m("ui.files.current", { name: "lumiere.webm" }));
    await expect.poll(() => teacher.locator("main").textContent()).toContain(m("ui.files.current", { name: "sous-titres.vtt" }));

    // published, the learner enrolled
    expect((await admin.patch(`/api/v1/courses/${course.id}`, { status: "published" })).status).toBe(200);
    await s.k.db
      .insertInto("course_members")
      .values({ tenant_id: p.tenantId, id: newId(), course_id: course.id, user_id: learner.id, role: "learner" })
      .execute();

    const lctx = await browser.newContext({ locale: "fr-FR" });
    const page = await lctx.newPage();
    page.setDefaultTimeout(30_000);
    const ranges: string[] = [];
    page.on("response", (r) => {
      if (r.url().includes(`/api/v1/files/${item.file_id}`) && r.status() === 206) ranges.push(r.headers()["content-range"] ?? "");
    });
    await signIn(page, base, "lea");
    await page.goto(`${base}/courses/${course.id}/items/${item.id}`);
    const video = page.locator("video");
    await expect.poll(() => video.count()).toBe(1);
    // captions: the default track loads and has its three cues
    await expect
      .poll(() =>
        page.evaluate(() => {
          const v = document.querySelector("video")!;
          const tr = v.textTracks[0];
          return tr ? { kind: tr.kind, mode: tr.mode, cues: tr.cues?.length ?? 0, lang: tr.language } : null;
        }),
      )
      .toEqual({ kind: "captions", mode: "showing", cues: 3, lang: "fr" });
    await page.evaluate(async () => {
      const v = document.querySelector("video")!;
      v.muted = true;
      await v.play();
    });
    await expect.poll(() => page.evaluate(() => document.querySelector("video")!.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.5);
    // seeking: Chromium asks for byte ranges
    const seeked = await page.evaluate(async () => {
      const v = document.querySelector("video")!;
      v.pause();
      const done = new Promise((r) => v.addEventListener("seeked", r, { once: true }));
      v.currentTime = 5.5;
      await done;
      return { t: v.currentTime, duration: v.duration };
    });
    expect(seeked.t).toBeCloseTo(5.5, 0);
    expect(seeked.duration).toBeGreaterThan(7);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges[0]).toMatch(/^bytes \d+-\d+\/\d+$/);
    await expectAccessible(page, "video item");
    await screenshots(page, "video-item-fr");

    // paused at 5.5 s: the position is saved (on pause and after the seek)
    await page.evaluate(() => document.querySelector("video")!.dispatchEvent(new Event("pause")));
    await expect
      .poll(
        async () =>
          (
            await s.k.db
              .selectFrom("item_progress")
              .select("position_seconds")
              .where("tenant_id", "=", p.tenantId)
              .where("item_id", "=", item.id)
              .where("user_id", "=", learner.id)
              .executeTakeFirst()
          )?.position_seconds,
      )
      .toBeCloseTo(5.5, 0);

    // reloading resumes there and says so
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.querySelector("video")?.currentTime ?? 0)).toBeGreaterThan(5);
    await expect.poll(() => page.getByRole("status").allTextContents()).toContainEqual(expect.stringContaining("0:05"));
    await page.getByRole("button", { name: m("ui.files.restart") }).click();
    await expect.poll(() => page.evaluate(() => document.querySelector("video")!.currentTime)).toBeLessThan(1);
    await tctx.close();
    await lctx.close();
  });
});
