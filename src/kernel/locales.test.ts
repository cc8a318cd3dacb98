import { readFileSync } from "node:fs";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./i18n.ts";

/** Six complete locales: the same keys as French (the source), each message valid ICU with the same placeholders. */
type Tree = { [k: string]: string | Tree };
const flatten = (o: Tree, p = ""): [string, string][] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [[p + k, v] as [string, string]] : flatten(v, `${p}${k}.`)));
const load = (l: string) => new Map(flatten(JSON.parse(readFileSync(new URL(`../../locales/${l}.json`, import.meta.url), "utf8"))));
/** argument names used by a message, read from its ICU syntax tree (plural branches included) */
type Node = { type: number; value?: unknown; options?: Record<string, { value: Node[] }>; children?: Node[] };
const argsOf = (nodes: Node[], out = new Set<string>()): Set<string> => {
  for (const n of nodes) {
    if (n.type !== 0 && n.type !== 7 && typeof n.value === "string") out.add(n.value);
    for (const o of Object.values(n.options ?? {})) argsOf(o.value, out);
    if (n.children) argsOf(n.children, out);
  }
  return out;
};
const placeholders = (msg: string, l: string) => [...argsOf(new IntlMessageFormat(msg, l).getAst() as Node[])].sort();

const fr = load("fr");

describe.each(LOCALES.filter((l) => l !== "fr"))("locale %s", (l) => {
  const cat = load(l);
  it("has every key of fr and no other", () => {
    expect([...fr.keys()].filter((k) => !cat.has(k))).toEqual([]);
    expect([...cat.keys()].filter((k) => !fr.has(k))).toEqual([]);
  });
  it("has valid ICU messages with the placeholders of fr", () => {
    const bad: string[] = [];
    for (const [k, msg] of cat) {
      try {
        new IntlMessageFormat(msg, l);
      } catch {
        bad.push(`${k}: invalid ICU`);
        continue;
      }
      const want = placeholders(fr.get(k) ?? "", "fr");
      const got = placeholders(msg, l);
      if (want.some((p) => !got.includes(p))) bad.push(`${k}: placeholders ${want} vs ${got}`);
    }
    expect(bad).toEqual([]);
  });
});

it("fr messages are valid ICU", () => {
  const bad = [...fr].filter(([, msg]) => {
    try {
      new IntlMessageFormat(msg, "fr");
      return false;
    } catch {
      return true;
    }
  });
  expect(bad.map(([k]) => k)).toEqual([]);
});
