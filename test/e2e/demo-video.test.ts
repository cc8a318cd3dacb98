import { expect, it } from "vitest";
import { DEMO_PASSWORD, loadDemo } from "../../src/server/demo.ts";
import { expectAccessible, screenshots, servedWithBrowser } from "./browser.ts";
import { signedInPage } from "./person.ts";

/** The demo's committed video (no ffmpeg at run time) decodes and plays in Chromium with its French captions. */
const t = servedWithBrowser((s) => loadDemo(s.k));

it("the demo maths course's video plays with its captions", async () => {
  const tenant = await t.s.k.db.selectFrom("tenants").select("id").where("slug", "=", "national").executeTakeFirstOrThrow();
  const item = await t.s.k.db
    .selectFrom("course_items as i")
    .innerJoin("courses as c", (j) => j.onRef("c.tenant_id", "=", "i.tenant_id").onRef("c.id", "=", "i.course_id"))
    .select(["i.id", "i.course_id"])
    .where("i.tenant_id", "=", tenant.id)
    .where("i.kind", "=", "video")
    .where("c.title", "=", "Mathématiques : fonctions et équations")
    .executeTakeFirstOrThrow();
  const base = `${t.s.url}/p/national`;
  const page = await signedInPage(t.browser, base, "julie.petit", { timeout: 20_000, password: DEMO_PASSWORD });
  await page.goto(`${base}/courses/${item.course_id}/items/${item.id}`);
  await expect.poll(() => page.locator("h1").textContent()).toBe("Vidéo : la droite y = ax + b");
  await expect
    .poll(() =>
      page.evaluate(() => {
        const v = document.querySelector("video");
        const tr = v?.textTracks[0];
        return tr ? { mode: tr.mode, lang: tr.language, cues: tr.cues?.length ?? 0, duration: Math.round(v.duration) } : null;
      }),
    )
    .toEqual({ mode: "showing", lang: "fr", cues: 4, duration: 16 });
  await page.evaluate(async () => {
    const v = document.querySelector("video")!;
    v.muted = true;
    await v.play();
  });
  await expect.poll(() => page.evaluate(() => document.querySelector("video")!.currentTime)).toBeGreaterThan(1);
  // the frame at 13 s shows the line with its intercept, and the caption that says so
  const at = await page.evaluate(async () => {
    const v = document.querySelector("video")!;
    v.pause();
    const seeked = new Promise((r) => v.addEventListener("seeked", r, { once: true }));
    v.currentTime = 13;
    await seeked;
    const cues = v.textTracks[0].activeCues;
    return { t: v.currentTime, width: v.videoWidth, cue: cues?.length ? (cues[0] as VTTCue).text : "" };
  });
  expect(at.width).toBe(640);
  expect(at.cue).toContain("L’ordonnée à l’origine b");
  await expectAccessible(page, "demo video item");
  await screenshots(page, "demo-video-fr");
  await page.context().close();
});
