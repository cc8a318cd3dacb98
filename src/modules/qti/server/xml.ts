import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * QTI 2.x writes `choiceInteraction responseIdentifier`, QTI 3.0 writes `qti-choice-interaction
 * response-identifier`: both are read into the same tree (camelCase names without the `qti-`
 * prefix or a namespace prefix), so one importer reads both versions.
 */
export type El = { name: string; attrs: Record<string, string>; children: Node[] };
export type Node = El | string;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  commentPropName: "#comment",
});

const camel = (s: string) =>
  s
    .replace(/^[^:]*:/, "")
    .replace(/^qti-/, "")
    .replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function convert(raw: unknown[]): Node[] {
  const out: Node[] = [];
  for (const r of raw as Record<string, unknown>[]) {
    const attrsRaw = (r[":@"] ?? {}) as Record<string, string>;
    for (const key of Object.keys(r)) {
      if (key === ":@" || key === "#comment" || key.startsWith("?")) continue;
      if (key === "#text") {
        out.push(String(r[key]));
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const [a, v] of Object.entries(attrsRaw)) attrs[a.startsWith("xml:") || a.startsWith("xmlns") ? a : camel(a)] = String(v);
      out.push({ name: camel(key), attrs, children: convert((r[key] ?? []) as unknown[]) });
    }
  }
  return out;
}

/** The document's root element, or an error code when the text is not well-formed XML. */
export function parseXml(text: string): { root: El } | { error: string; line: number } {
  const v = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (v !== true) return { error: "xml_invalid", line: v.err.line };
  const root = convert(parser.parse(text) as unknown[]).find((n): n is El => typeof n !== "string");
  return root ? { root } : { error: "xml_invalid", line: 1 };
}

export const isEl = (n: Node | undefined): n is El => typeof n === "object" && n !== null;
export const kids = (e: El, name?: string) => e.children.filter((c): c is El => isEl(c) && (!name || c.name === name));
export const kid = (e: El, name: string) => kids(e, name)[0];

/** Every descendant element (depth first) for which `pick` holds. */
export function findAll(e: El, pick: (x: El) => boolean, out: El[] = []): El[] {
  for (const c of e.children)
    if (isEl(c)) {
      if (pick(c)) out.push(c);
      findAll(c, pick, out);
    }
  return out;
}

/** The text of an element as the question bank holds it (plain text, paragraphs on their own lines). */
export function textOf(n: Node, skip: (e: El) => boolean = () => false): string {
  return tidy(rawText(n, skip));
}

const BLOCK = new Set(["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "prompt", "pre", "table", "ul", "ol"]);

function rawText(n: Node, skip: (e: El) => boolean): string {
  if (typeof n === "string") return n.replace(/\s+/g, " ");
  if (skip(n)) return "";
  if (n.name === "br") return "\n";
  if (n.name === "math") return mathText(n);
  const inner = n.children.map((c) => rawText(c, skip)).join("");
  if (n.name === "li") return `\n• ${inner}\n`;
  return BLOCK.has(n.name) ? `\n${inner}\n` : inner;
}

/** MathML becomes its characters between \( \): readable, though not typeset like the original. */
function mathText(e: El): string {
  const flat = (n: Node): string => (typeof n === "string" ? n.trim() : n.children.map(flat).join(n.name === "mrow" || n.name === "math" ? "" : ""));
  const s = flat(e);
  return s ? `\\(${s}\\)` : "";
}

export const tidy = (s: string) =>
  s
    .replace(/[ \t\u00a0]+\n/g, "\n")
    .replace(/\n[ \t\u00a0]+/g, "\n")
    .replace(/[ \t]{2,}/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();

/** Escapes text and attribute values for XML output. */
export const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
