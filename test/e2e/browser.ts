import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { type TestApp, testApp } from "../helpers.ts";

/** Debian's Chromium, never a downloaded browser (CI installs the package). */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
  });

export type Served = TestApp & { url: string; port: number };

/** The real server (built web client included) on a random loopback port, over a fresh database. */
export async function serve(env: Record<string, string> = {}): Promise<Served> {
  const t = await testApp({ RATE_LIMIT_PER_MINUTE: "100000", ...env });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const port = (t.app.server.address() as { port: number }).port;
  return { ...t, port, url: `http://localhost:${port}` };
}

/**
 * The served app and a browser for the tests of one file: started before them, once `seed` has
 * written what they need, and closed after them. Read `s` and `browser` inside tests and hooks.
 */
export function servedWithBrowser(seed: (s: Served) => Promise<unknown> = async () => {}, env: Record<string, string> = {}) {
  const t = {} as { s: Served; browser: Browser };
  beforeAll(async () => {
    t.s = await serve(env);
    await seed(t.s);
    t.browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await t.browser?.close();
    await t.s?.close();
  });
  return t;
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page, what: string) {
  // react-aria's live announcer briefly points at a label it has already removed (a transient
  // announcement, not page content): left out of the scan
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).exclude("[data-live-announcer]").analyze();
  const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${what}: ${v.id} (${v.impact}) ${v.nodes
          .map((n) => `${n.target.join(" ")} ${n.html.slice(0, 160)}`)
          .slice(0, 3)
          .join(", ")}`,
    ),
  ).toEqual([]);
}

const SHOTS = "test-results/screenshots";

/** Saves the page at desktop and phone width for people to look at. */
export async function screenshots(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.screenshot({ path: `${SHOTS}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize(size);
}
