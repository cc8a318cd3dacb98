import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { EMBED_ORIGINS } from "../../src/kernel/richtext/embeds.ts";
import { RICH_ALLOW } from "../../src/kernel/richtext/html-check.ts";
import { XSS_CORPUS } from "../../src/kernel/richtext/xss-corpus.ts";
import { makePlatform, makeUser, PASSWORD } from "../factories.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";

/**
 * The XSS corpus through the real server and a real browser: each payload is posted to the
 * preview API from inside the signed-in page, and what comes back is injected the way
 * RichTextView does (innerHTML). Nothing may run, open a dialog or reach another host, and the
 * browser's own HTML parser must find only allow-listed elements and attributes. Then a formula
 * is typed with the editor and comes back from the server as MathML.
 */
type Tree = { [k: string]: string | Tree };
const fr = JSON.parse(readFileSync("locales/fr.json", "utf8")) as Tree;
const msg = (id: string) => id.split(".").reduce<string | Tree>((v, k) => (v as Tree)[k], fr) as string;

let s: Served;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
const external: { url: string; type: string }[] = [];
const dialogs: string[] = [];
const cspErrors: string[] = [];

beforeAll(async () => {
  s = await serve();
  const p = await makePlatform(s.k, "xss");
  await makeUser(s.k, p.tenantId, p.rootOrgId, "prof.maths", "teacher");
  browser = await launchBrowser();
  context = await browser.newContext({ locale: "fr-FR" });
  // nothing leaves the machine: any other host is recorded and refused
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === "data:" || u.protocol === "blob:" || ["localhost", "127.0.0.1", "xss.localhost"].includes(u.hostname)) return route.continue();
    external.push({ url: u.href, type: route.request().resourceType() });
    return route.abort();
  });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => undefined);
  });
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  base = `${s.url}/p/xss`;
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(msg("ui.signIn.login")).fill("prof.maths");
  await page.getByLabel(msg("ui.signIn.password")).fill(PASSWORD);
  await page.getByRole("button", { name: msg("ui.signIn.submit") }).click();
  await page.locator("h1", { hasText: /^Bonjour/ }).waitFor();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await s?.close();
});

const allow = Object.fromEntries(Object.entries(RICH_ALLOW).map(([tag, attrs]) => [tag, Object.keys(attrs)]));

it("no payload of the corpus executes, and the browser parses only allow-listed markup", async () => {
  await page.goto(`${base}/rich-text`);
  await expect.poll(() => page.locator("h1").textContent()).toBe(msg("ui.richtext.try_title"));
  const outcomes: Record<string, number> = {};
  for (const c of XSS_CORPUS) {
    const body = c.json !== undefined ? `{"doc":${c.json}}` : JSON.stringify({ doc: c.doc });
    const r = await page.evaluate(
      async ({ base, body, allow }) => {
        const me = await (await fetch(`${base}/api/v1/me`)).json();
        const res = await fetch(`${base}/api/v1/richtext/preview`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
          body,
        });
        const data = await res.json().catch(() => null);
        if (res.status !== 200) return { status: res.status, problems: [] as string[], code: data?.error?.code as string };
        // as RichTextView does: the server's HTML into the page
        const box = document.createElement("div");
        box.className = "rich-text";
        box.innerHTML = data.html;
        document.querySelector("main")!.append(box);
        await new Promise((ok) => setTimeout(ok, 150));
        const problems: string[] = [];
        for (const el of box.querySelectorAll("*")) {
          const name = el.localName;
          if (!(name in allow)) problems.push(`element ${name}`);
          for (const a of el.attributes) {
            if (!allow[name]?.includes(a.name)) problems.push(`attribute ${name}[${a.name}]`);
            if (/^\s*(javascript|vbscript|data:text)/i.test(a.value.replace(/[\u0000-\u0020]/g, ""))) problems.push(`value ${name}[${a.name}]=${a.value}`);
          }
          if (name === "iframe" && el.getAttribute("sandbox") === null) problems.push("iframe without sandbox");
        }
        box.remove();
        return { status: 200, problems, code: "" };
      },
      { base, body, allow },
    );
    outcomes[r.status] = (outcomes[r.status] ?? 0) + 1;
    expect(r.code, c.name).not.toBe("internal");
    if (c.expect === "reject") expect([400, 413, 422], c.name).toContain(r.status);
    if (c.expect === "render") expect(r.status, c.name).toBe(200);
    expect(r.problems, c.name).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), c.name).toBeUndefined();
  }
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  // the only other host ever asked for: an allowed video player, in its sandboxed frame
  for (const r of external) expect(EMBED_ORIGINS.some((o) => r.url.startsWith(`${o}/`)) && r.type === "document", r.url).toBe(true);
  expect(outcomes["200"]).toBeGreaterThan(10);
  expect(outcomes["422"]).toBeGreaterThan(30);
});

it("a formula typed in the LaTeX field of the formula dialog comes back from the server as MathML", async () => {
  await page.goto(`${base}/rich-text`);
  const editor = page.getByRole("textbox", { name: msg("ui.richtext.try_label") });
  await expect.poll(() => editor.getAttribute("aria-multiline")).toBe("true");
  await expectAccessible(page, "editor");
  await editor.click();
  await page.keyboard.type("Aire du disque : ");
  await page.getByRole("button", { name: msg("ui.richtext.formula") }).click();
  const dialog = page.getByRole("dialog", { name: msg("ui.richtext.formula_title") });
  await dialog.waitFor();
  const latex = dialog.getByLabel(msg("ui.richtext.formula_latex"));
  await latex.fill("\\pi r^2");
  // the visual input follows the LaTeX field, and the preview shows the formula
  await expect.poll(() => page.evaluate(() => (document.querySelector("math-field") as (HTMLElement & { value?: string }) | null)?.value)).toBe("\\pi r^2");
  await expect.poll(() => dialog.locator(".rt-formula-preview .katex").count()).toBe(1);
  await expectAccessible(page, "formula dialog");
  await screenshots(page, "richtext-formula-dialog-fr");
  await dialog.getByRole("button", { name: msg("ui.richtext.formula_insert") }).click();
  await dialog.waitFor({ state: "detached" });
  await expect.poll(() => page.locator(".rt-content .tiptap-mathematics-render .katex").count()).toBe(1);

  // a block formula typed in the visual input (MathLive) reaches the LaTeX field
  await page.keyboard.press("End");
  await page.keyboard.press("Control+Shift+M");
  await dialog.waitFor();
  await dialog.locator("label.rt-radio", { hasText: msg("ui.richtext.formula_block") }).click();
  expect(await dialog.getByRole("radio", { name: msg("ui.richtext.formula_block") }).isChecked()).toBe(true);
  await page.locator("math-field").click();
  await page.waitForTimeout(300);
  await page.keyboard.type("x^2", { delay: 80 });
  await expect.poll(() => latex.inputValue()).toMatch(/^x\^2$|^x\^\{2\}$/);
  await dialog.getByRole("button", { name: msg("ui.richtext.formula_insert") }).click();
  await dialog.waitFor({ state: "detached" });

  // the server's rendering: accessible MathML with the LaTeX as annotation
  await page.getByRole("button", { name: msg("ui.richtext.preview_show") }).click();
  const region = page.getByRole("region", { name: msg("ui.richtext.preview_region") });
  await expect.poll(() => region.locator("math").count()).toBe(2);
  expect(await region.locator("p math annotation").textContent()).toBe("\\pi r^2");
  expect(await region.locator("p math msup mi").first().textContent()).toBe("r");
  expect(await region.locator(".rt-math-block math").getAttribute("display")).toBe("block");
  expect(await region.locator("p").first().textContent()).toContain("Aire du disque");
  await expectAccessible(page, "editor with preview");
  await screenshots(page, "richtext-editor-fr");
  expect(cspErrors).toEqual([]);
  expect(dialogs).toEqual([]);
});
