import { readFileSync } from "node:fs";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { expect } from "vitest";
import { PASSWORD } from "../factories.ts";

// What a person reads and does in the browser, in their language.

/** A locale's messages as the app ships them, to find what a person reads on screen. */
export type Catalog = { [k: string]: string | Catalog };
export const catalog = (locale: string) => JSON.parse(readFileSync(`locales/${locale}.json`, "utf8")) as Catalog;

/** One message with its placeholders filled in (plain `{name}` ones only). */
export const msg = (cat: Catalog, id: string, values: Record<string, string | number> = {}) =>
  (id.split(".").reduce<string | Catalog>((v, k) => (v as Catalog)[k], cat) as string).replace(/\{(\w+)\}/g, (_, k) => String(values[k]));

/** Waits for a page to reach a state, longer than the default on a busy machine. */
export const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

/** The text of the page's main region. */
export const main = (page: Page) => page.locator("main").textContent();

/** Signs in through the form (with the test password unless given), in the catalog's language. */
export async function signIn(page: Page, base: string, login: string, cat: Catalog, password = PASSWORD) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(msg(cat, "ui.signIn.login")).fill(login);
  await page.getByLabel(msg(cat, "ui.signIn.password")).fill(password);
  await page.getByRole("button", { name: msg(cat, "ui.signIn.submit") }).click();
  await poll(() => page.url()).not.toContain("sign-in");
}

/**
 * A page in a browser context of its own (its own cookies: another person), signed in as `login`
 * in the context's language (French unless `locale` says otherwise). `timeout`: the page's default
 * for every action, when the default is too short for what the test does.
 */
export async function signedInPage(browser: Browser, base: string, login: string, opts: BrowserContextOptions & { timeout?: number; password?: string } = {}) {
  const { timeout, password, ...options } = opts;
  const locale = options.locale ?? "fr-FR";
  const page = await (await browser.newContext({ ...options, locale })).newPage();
  if (timeout) page.setDefaultTimeout(timeout);
  await signIn(page, base, login, catalog(locale.slice(0, 2)), password);
  return page;
}
