import katex from "katex";
import { type Locale, t } from "../i18n.ts";
import { embedProvider } from "./embeds.ts";
import { checkHtml, EMBED_SANDBOX, LINK_REL, MATH_ALLOW } from "./html-check.ts";
import { isSafeHref, isSafeImageSrc, LIMITS, type RichBlock, type RichCell, type RichInline, type RichMark, type RichTextDocument } from "./schema.ts";

/**
 * HTML from a rich-text document. Nothing from the document is ever copied as HTML: every text
 * and attribute value is escaped, only known nodes and marks produce (fixed) tags, and addresses
 * are checked again here (defence in depth for documents stored before a rule tightened).
 * Maths goes through KaTeX to MathML (trust off), and KaTeX's output is itself checked against
 * an allow-list before it is used.
 */

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c]);

export const KATEX_OPTIONS = { output: "mathml", throwOnError: true, trust: false, strict: "ignore", maxSize: 20, maxExpand: 500 } as const;

const mathCache = new Map<string, string | null>();
const MATH_CACHE_MAX = 5_000;

/** KaTeX MathML for one formula, or null when it does not parse (or its output is not on the allow-list). */
export function latexToMathml(latex: string, display: boolean): string | null {
  const key = `${display ? "D" : "I"}${latex}`;
  const hit = mathCache.get(key);
  if (hit !== undefined) return hit;
  let html: string | null;
  try {
    html = katex.renderToString(latex, { ...KATEX_OPTIONS, displayMode: display });
    if (checkHtml(html, MATH_ALLOW)) html = null;
  } catch {
    html = null;
  }
  if (mathCache.size >= MATH_CACHE_MAX) mathCache.delete(mathCache.keys().next().value as string);
  mathCache.set(key, html);
  return html;
}

export type RenderOptions = {
  /** added to heading levels so that rich-text headings sit below the page's own h1 (default 1: level 1 → h2) */
  headingOffset?: number;
};

type Ctx = { locale: Locale; offset: number; out: string[] };

function math(latex: string, display: boolean, c: Ctx) {
  if (latex.length > LIMITS.latex) latex = latex.slice(0, LIMITS.latex);
  if (!latex.trim()) return;
  const html = latexToMathml(latex, display);
  if (html === null) {
    const err = `<code class="rt-math-error" title="${escapeHtml(t(c.locale, "errors.richtext.latex_error"))}">${escapeHtml(latex)}</code>`;
    c.out.push(display ? `<div class="rt-math-block">${err}</div>` : err);
  } else c.out.push(display ? `<div class="rt-math-block">${html}</div>` : html);
}

function openMark(m: RichMark): [string, string] | undefined {
  switch (m.type) {
    case "bold":
      return ["<strong>", "</strong>"];
    case "italic":
      return ["<em>", "</em>"];
    case "underline":
      return ["<u>", "</u>"];
    case "strike":
      return ["<s>", "</s>"];
    case "code":
      return ["<code>", "</code>"];
    case "subscript":
      return ["<sub>", "</sub>"];
    case "superscript":
      return ["<sup>", "</sup>"];
    case "link": {
      const href = m.attrs?.href;
      if (typeof href !== "string" || !isSafeHref(href)) return undefined;
      const title = typeof m.attrs.title === "string" && m.attrs.title ? ` title="${escapeHtml(m.attrs.title)}"` : "";
      return [`<a href="${escapeHtml(href)}" rel="${LINK_REL}"${m.attrs.target === "_blank" ? ' target="_blank"' : ""}${title}>`, "</a>"];
    }
    default:
      return undefined;
  }
}

// links outermost, so that a bold word inside a link stays one link
const MARK_ORDER = ["link", "bold", "italic", "underline", "strike", "subscript", "superscript", "code"];

function inline(nodes: RichInline[] | undefined, c: Ctx) {
  if (!Array.isArray(nodes)) return;
  for (const n of nodes) {
    const marks = (Array.isArray((n as { marks?: unknown }).marks) ? [...(n as { marks: RichMark[] }).marks] : [])
      .sort((a, b) => MARK_ORDER.indexOf(a.type) - MARK_ORDER.indexOf(b.type))
      .map(openMark)
      .filter((x): x is [string, string] => !!x);
    for (const [o] of marks) c.out.push(o);
    if (n.type === "text" && typeof n.text === "string") c.out.push(escapeHtml(n.text));
    else if (n.type === "hardBreak") c.out.push("<br>");
    else if (n.type === "inlineMath" && typeof n.attrs?.latex === "string") math(n.attrs.latex, false, c);
    for (let i = marks.length - 1; i >= 0; i--) c.out.push(marks[i][1]);
  }
}

const int = (v: unknown, min: number, max: number) => (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max ? v : undefined);

function cells(row: { content?: RichCell[] }, rowIndex: number, c: Ctx, depth: number) {
  c.out.push("<tr>");
  (row.content ?? []).forEach((cell, col) => {
    if (cell?.type !== "tableCell" && cell?.type !== "tableHeader") return;
    const header = cell.type === "tableHeader";
    const tag = header ? "th" : "td";
    const colspan = int(cell.attrs?.colspan, 2, LIMITS.colspan);
    const rowspan = int(cell.attrs?.rowspan, 2, LIMITS.rowspan);
    const align = cell.attrs?.align;
    const scope = header ? ` scope="${rowIndex === 0 ? "col" : col === 0 ? "row" : "col"}"` : "";
    c.out.push(
      `<${tag}${scope}${colspan ? ` colspan="${colspan}"` : ""}${rowspan ? ` rowspan="${rowspan}"` : ""}${align === "left" || align === "center" || align === "right" ? ` class="rt-align-${align}"` : ""}>`,
    );
    blocks(cell.content, c, depth + 1);
    c.out.push(`</${tag}>`);
  });
  c.out.push("</tr>");
}

function blocks(nodes: RichBlock[] | undefined, c: Ctx, depth: number) {
  if (!Array.isArray(nodes) || depth > LIMITS.depth) return;
  for (const n of nodes) block(n, c, depth);
}

function block(n: RichBlock, c: Ctx, depth: number) {
  switch (n?.type) {
    case "paragraph":
      c.out.push("<p>");
      inline(n.content, c);
      c.out.push("</p>");
      return;
    case "heading": {
      const level = Math.min(6, (int(n.attrs?.level, 1, 4) ?? 1) + c.offset);
      c.out.push(`<h${level}>`);
      inline(n.content, c);
      c.out.push(`</h${level}>`);
      return;
    }
    case "bulletList":
    case "orderedList": {
      const tag = n.type === "bulletList" ? "ul" : "ol";
      let attrs = "";
      if (n.type === "orderedList") {
        const start = int(n.attrs?.start, 0, 1_000_000);
        if (start !== undefined && start !== 1) attrs += ` start="${start}"`;
        const type = n.attrs?.type;
        if (type === "a" || type === "A" || type === "i" || type === "I") attrs += ` type="${type}"`;
      }
      c.out.push(`<${tag}${attrs}>`);
      for (const item of Array.isArray(n.content) ? n.content : []) {
        if (item?.type !== "listItem") continue;
        c.out.push("<li>");
        blocks(item.content, c, depth + 1);
        c.out.push("</li>");
      }
      c.out.push(`</${tag}>`);
      return;
    }
    case "blockquote":
      c.out.push("<blockquote>");
      blocks(n.content, c, depth + 1);
      c.out.push("</blockquote>");
      return;
    case "codeBlock": {
      const lang = n.attrs?.language;
      const cls = typeof lang === "string" && /^[A-Za-z0-9+#_-]{1,30}$/.test(lang) ? ` class="language-${escapeHtml(lang.toLowerCase())}"` : "";
      c.out.push(`<pre><code${cls}>`);
      for (const t of Array.isArray(n.content) ? n.content : []) if (t?.type === "text" && typeof t.text === "string") c.out.push(escapeHtml(t.text));
      c.out.push("</code></pre>");
      return;
    }
    case "horizontalRule":
      c.out.push("<hr>");
      return;
    case "image": {
      const a = n.attrs;
      if (typeof a?.src !== "string" || !isSafeImageSrc(a.src)) return;
      const w = int(a.width, 1, 4000);
      const h = int(a.height, 1, 4000);
      c.out.push(
        `<img src="${escapeHtml(a.src)}" alt="${escapeHtml(typeof a.alt === "string" ? a.alt : "")}"${typeof a.title === "string" && a.title ? ` title="${escapeHtml(a.title)}"` : ""}${w ? ` width="${w}"` : ""}${h ? ` height="${h}"` : ""} loading="lazy" decoding="async">`,
      );
      return;
    }
    case "blockMath":
      if (typeof n.attrs?.latex === "string") math(n.attrs.latex, true, c);
      return;
    case "embed": {
      const src = n.attrs?.src;
      if (typeof src !== "string" || !embedProvider(src)) return;
      const title = typeof n.attrs.title === "string" && n.attrs.title.trim() ? n.attrs.title : t(c.locale, "ui.richtext.embed_default_title");
      c.out.push(
        `<figure class="rt-embed"><iframe src="${escapeHtml(src)}" title="${escapeHtml(title)}" sandbox="${EMBED_SANDBOX}" allow="fullscreen; picture-in-picture" allowfullscreen loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe></figure>`,
      );
      return;
    }
    case "table": {
      c.out.push(`<div class="rt-table" role="region" tabindex="0" aria-label="${escapeHtml(t(c.locale, "ui.richtext.table_region"))}"><table><tbody>`);
      (Array.isArray(n.content) ? n.content : []).forEach((row, i) => {
        if (row?.type === "tableRow") cells(row, i, c, depth);
      });
      c.out.push("</tbody></table></div>");
      return;
    }
    default:
      return;
  }
}

/** Safe HTML for a validated rich-text document, in the reader's language (LaTeX error titles, table labels). */
export function renderRichText(doc: RichTextDocument, locale: Locale = "fr", opts: RenderOptions = {}): string {
  const c: Ctx = { locale, offset: Math.max(0, Math.min(2, opts.headingOffset ?? 1)), out: [] };
  if (doc?.type === "doc") blocks(doc.content, c, 1);
  return c.out.join("");
}

/** The document's words as plain text (search indexing, previews, notifications): blocks on their own lines. */
export function richTextToPlain(doc: RichTextDocument): string {
  const lines: string[] = [];
  let line: string[] = [];
  const flush = () => {
    const s = line
      .join("")
      .replace(/[ \t]+/g, " ")
      .trim();
    if (s) lines.push(s);
    line = [];
  };
  // iterative walk: never recursion on stored data
  const stack: unknown[] = [doc];
  while (stack.length) {
    const n = stack.pop() as { type?: string; text?: unknown; attrs?: Record<string, unknown>; content?: unknown[] } | "\n" | undefined;
    if (n === "\n") {
      flush();
      continue;
    }
    if (!n || typeof n !== "object") continue;
    switch (n.type) {
      case "text":
        if (typeof n.text === "string") line.push(n.text);
        continue;
      case "hardBreak":
        line.push(" ");
        continue;
      case "inlineMath":
        if (typeof n.attrs?.latex === "string") line.push(` ${n.attrs.latex} `);
        continue;
      case "blockMath":
        flush();
        if (typeof n.attrs?.latex === "string") line.push(n.attrs.latex);
        flush();
        continue;
      case "image":
        if (typeof n.attrs?.alt === "string") line.push(` ${n.attrs.alt} `);
        continue;
      case "embed":
        if (typeof n.attrs?.title === "string") line.push(` ${n.attrs.title} `);
        continue;
      case "tableCell":
      case "tableHeader":
        line.push(" ");
        break;
    }
    if (Array.isArray(n.content)) {
      stack.push("\n");
      for (let i = n.content.length - 1; i >= 0; i--) stack.push(n.content[i]);
    }
  }
  flush();
  return lines.join("\n");
}
