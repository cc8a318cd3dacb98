import { embedProvider } from "./embeds.ts";
import { isSafeHref, isSafeImageSrc } from "./schema.ts";

/**
 * A strict checker for the HTML this module generates (not a general HTML parser): the input must
 * be a sequence of text without `<` or `>`, and tags `<name attr="value">` / `</name>` whose
 * names and attributes are on the allow-list below, with values that pass their check. Anything
 * else (a comment, a CDATA section, an unquoted attribute, an unknown tag) fails. Used to verify
 * KaTeX's output before it is embedded, and by the tests on whole rendered documents.
 */

export const EMBED_SANDBOX = "allow-scripts allow-same-origin allow-presentation allow-popups";
export const LINK_REL = "noopener noreferrer nofollow";

type AttrCheck = (value: string) => boolean;
const any: AttrCheck = () => true;
const token =
  (re: RegExp): AttrCheck =>
  (v) =>
    re.test(v);
const exact =
  (...allowed: string[]): AttrCheck =>
  (v) =>
    allowed.includes(v);
const int = token(/^\d{1,7}$/);
const cssClass = token(/^[a-z0-9 _-]{0,200}$/);
// MathML presentation values from KaTeX: lengths, colors, keywords, alignments
const mathValue = token(/^[A-Za-z0-9#.+\- %]{0,200}$/);

const MATH_ATTRS = [
  "mathvariant",
  "stretchy",
  "fence",
  "separator",
  "lspace",
  "rspace",
  "minsize",
  "maxsize",
  "movablelimits",
  "symmetric",
  "largeop",
  "accent",
  "accentunder",
  "linethickness",
  "columnalign",
  "rowalign",
  "rowspacing",
  "columnspacing",
  "columnlines",
  "rowlines",
  "frame",
  "framespacing",
  "width",
  "height",
  "depth",
  "voffset",
  "mathcolor",
  "mathbackground",
  "scriptlevel",
  "displaystyle",
  "notation",
  "side",
  "equalrows",
  "equalcolumns",
  "columnspan",
  "rowspan",
  "align",
];
const MATH_ELEMENTS = [
  "mrow",
  "mi",
  "mn",
  "mo",
  "ms",
  "mtext",
  "mspace",
  "msup",
  "msub",
  "msubsup",
  "mfrac",
  "msqrt",
  "mroot",
  "mstyle",
  "mpadded",
  "mphantom",
  "menclose",
  "mover",
  "munder",
  "munderover",
  "mtable",
  "mtr",
  "mtd",
  "mlabeledtr",
  "mmultiscripts",
  "mprescripts",
  "none",
  "merror",
];

export type AllowList = Record<string, Record<string, AttrCheck>>;

export const MATH_ALLOW: AllowList = {
  span: { class: exact("katex") },
  math: { xmlns: exact("http://www.w3.org/1998/Math/MathML"), display: exact("block", "inline") },
  semantics: {},
  annotation: { encoding: exact("application/x-tex") },
  ...Object.fromEntries(MATH_ELEMENTS.map((e) => [e, Object.fromEntries(MATH_ATTRS.map((a) => [a, mathValue]))])),
};

const cell = { colspan: int, rowspan: int, scope: exact("col", "row"), class: cssClass };

/** Every element and attribute renderRichText may write. */
export const RICH_ALLOW: AllowList = {
  ...MATH_ALLOW,
  p: {},
  h1: {},
  h2: {},
  h3: {},
  h4: {},
  h5: {},
  h6: {},
  strong: {},
  em: {},
  u: {},
  s: {},
  sub: {},
  sup: {},
  br: {},
  hr: {},
  code: { class: cssClass, title: any },
  pre: {},
  blockquote: {},
  ul: {},
  ol: { start: int, type: exact("1", "a", "A", "i", "I") },
  li: {},
  a: { href: isSafeHref, rel: exact(LINK_REL), target: exact("_blank"), title: any },
  img: { src: isSafeImageSrc, alt: any, title: any, width: int, height: int, loading: exact("lazy"), decoding: exact("async") },
  figure: { class: cssClass },
  iframe: {
    src: (v) => !!embedProvider(v),
    title: any,
    sandbox: exact(EMBED_SANDBOX),
    allow: exact("fullscreen; picture-in-picture"),
    allowfullscreen: exact(""),
    loading: exact("lazy"),
    referrerpolicy: exact("strict-origin-when-cross-origin"),
  },
  div: { class: cssClass, role: exact("region"), tabindex: exact("0"), "aria-label": any },
  span: { class: cssClass },
  table: {},
  tbody: {},
  tr: {},
  th: cell,
  td: cell,
};

const VOID = new Set(["br", "hr", "img"]);

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10));
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[e];
  });
}

export type HtmlProblem = { at: number; problem: string };

/** The first thing in `html` outside the allow-list, or undefined when all of it is allowed and tags balance. */
export function checkHtml(html: string, allow: AllowList = RICH_ALLOW): HtmlProblem | undefined {
  const open: string[] = [];
  const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9-]*(?:="[^"<>]*")?)*)\s*>/y;
  const ATTR = /\s+([a-z][a-z0-9-]*)(?:="([^"<>]*)")?/g;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    const text = html.slice(i, lt === -1 ? html.length : lt);
    if (text.includes(">")) return { at: i, problem: "stray >" };
    if (/&(?!(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);)/.test(text)) return { at: i, problem: "bare &" };
    if (lt === -1) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    if (!m) return { at: lt, problem: `not an allowed tag: ${html.slice(lt, lt + 40)}` };
    const [, close, name, attrs] = m;
    const rules = allow[name];
    if (!rules) return { at: lt, problem: `element ${name}` };
    if (close) {
      if (attrs.trim()) return { at: lt, problem: "attributes on a closing tag" };
      if (open.pop() !== name) return { at: lt, problem: `unbalanced </${name}>` };
    } else {
      const seen = new Set<string>();
      for (const a of attrs.matchAll(ATTR)) {
        const [, attr, raw = ""] = a;
        if (seen.has(attr)) return { at: lt, problem: `duplicate ${attr}` };
        seen.add(attr);
        const check = rules[attr];
        if (!check) return { at: lt, problem: `attribute ${name}[${attr}]` };
        const value = decodeEntities(raw);
        if (!check(value)) return { at: lt, problem: `value of ${name}[${attr}]: ${value.slice(0, 60)}` };
      }
      if (!VOID.has(name)) open.push(name);
    }
    i = lt + m[0].length;
  }
  if (open.length) return { at: html.length, problem: `unclosed ${open.join(",")}` };
  return undefined;
}
