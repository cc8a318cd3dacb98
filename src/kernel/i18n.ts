import { readFileSync } from "node:fs";
import { IntlMessageFormat } from "intl-messageformat";

/** Six locales, French is the source. The same ICU messages serve the server (errors, mails) and the web client. */
export const LOCALES = ["fr", "en", "es", "nl", "de", "it"] as const;
export type Locale = (typeof LOCALES)[number];
export const isLocale = (s: unknown): s is Locale => LOCALES.includes(s as Locale);

type Tree = { [k: string]: string | Tree };
const flatten = (o: Tree, p = ""): [string, string][] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [[p + k, v] as [string, string]] : flatten(v, `${p}${k}.`)));

const catalogs = new Map<Locale, Map<string, string>>();
const compiled = new Map<string, IntlMessageFormat>();

export function catalog(locale: Locale): Map<string, string> {
  let c = catalogs.get(locale);
  if (!c) {
    const url = new URL(`../../locales/${locale}.json`, import.meta.url);
    c = new Map(flatten(JSON.parse(readFileSync(url, "utf8"))));
    catalogs.set(locale, c);
  }
  return c;
}

export function t(locale: Locale, id: string, values?: Record<string, unknown>): string {
  const msg = catalog(locale).get(id) ?? catalog("fr").get(id);
  if (msg === undefined) return id;
  const key = `${locale}\u0000${id}`;
  let f = compiled.get(key);
  if (!f) {
    f = new IntlMessageFormat(msg, locale);
    compiled.set(key, f);
  }
  return String(f.format(values as Record<string, string>));
}

/** Picks the best supported locale from an Accept-Language header. */
export function negotiate(header: string | undefined, fallback: Locale = "fr"): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(",")
    .map((part) => {
      // "tag ; q=0.8" (spaces allowed around ';' and '='); q=0 means "not acceptable"
      const [tag, ...params] = part.split(";").map((x) => x.trim());
      const q = params.map((p) => /^q\s*=\s*(.*)$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag.toLowerCase().split("-")[0], q: q === undefined ? 1 : Number(q) };
    })
    .filter((x) => !Number.isNaN(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.find((x) => isLocale(x.lang))?.lang as Locale | undefined ?? fallback;
}
