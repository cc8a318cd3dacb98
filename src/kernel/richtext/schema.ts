import { z } from "zod";
import { embedProvider } from "./embeds.ts";

/**
 * The rich-text document: ProseMirror JSON (as Tiptap's getJSON() writes it), allow-listed node by
 * node, mark by mark and attribute by attribute. Pure Zod and no Node API: contracts shared with
 * the web client import `RichTextDoc` from HERE (src/kernel/richtext/index.ts also pulls in the
 * server renderer).
 *
 * Policy: reject, never repair. Anything unknown (a node type, a mark, an attribute, a key), any
 * address outside the allowed schemes, any value over a limit makes the whole document invalid
 * with an error naming its path; what is stored is exactly what was validated.
 */

export const LIMITS = {
  /** nesting of JSON objects/arrays (a node inside a list item inside a list is 4 levels) */
  depth: 64,
  /** JSON values (objects, arrays and scalars) in one document */
  values: 60_000,
  /** characters of all strings together (data: images included) */
  chars: 1_500_000,
  text: 100_000,
  latex: 4_000,
  /** characters of all formulas together (KaTeX time is bounded per document) */
  latexTotal: 60_000,
  href: 2_048,
  /** base64 characters of one data: image (about 384 KB of image) */
  dataImage: 512 * 1024,
  alt: 1_000,
  title: 300,
  colspan: 20,
  rowspan: 200,
  marks: 10,
} as const;

// C0 controls, space, DEL, C1 controls, backslash, line/paragraph separators: browsers strip or
// reinterpret these inside addresses ("java\tscript:", "/\\evil.example"), so none is accepted
const UNSAFE_URL_CHAR = /[\u0000-\u0020\u007f-\u009f\\\u2028\u2029]/;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

function httpUrl(s: string, protocols: string[]): boolean {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return false;
  }
  return protocols.includes(u.protocol) && u.hostname !== "" && u.username === "" && u.password === "";
}

/** Link targets: http(s), mailto, or a relative address on the same site (no protocol-relative //host). */
export function isSafeHref(s: string): boolean {
  if (s.length === 0 || s.length > LIMITS.href || UNSAFE_URL_CHAR.test(s)) return false;
  const m = SCHEME.exec(s);
  if (m) {
    const scheme = m[1].toLowerCase();
    if (scheme === "http" || scheme === "https") return httpUrl(s, ["http:", "https:"]);
    if (scheme === "mailto") return /^mailto:[^<>"'`]+$/i.test(s);
    return false;
  }
  if (s.startsWith("//")) return false;
  // character references only serve to disguise a scheme ("&#106;avascript:")
  if (/&(#|[a-z]+;)/i.test(s)) return false;
  // no colon before the first / ? # : nothing a browser could read as a scheme
  const head = s.split(/[/?#]/, 1)[0];
  return !head.includes(":");
}

const SAME_ORIGIN_FILE = /^(\/p\/[a-z0-9][a-z0-9-]{1,39})?\/api\/v1\/[A-Za-z0-9_\-/.]+(\?[A-Za-z0-9_\-=&.]*)?$/;
const DATA_IMAGE = /^data:image\/(png|jpeg|webp);base64,([A-Za-z0-9+/]+={0,2})$/;

/** Image sources: https, a file served by this platform's API, or a small png/jpeg/webp data: URL. */
export function isSafeImageSrc(s: string): boolean {
  if (UNSAFE_URL_CHAR.test(s)) return false;
  if (s.startsWith("data:")) {
    const m = DATA_IMAGE.exec(s);
    return !!m && m[2].length <= LIMITS.dataImage;
  }
  if (s.length > LIMITS.href) return false;
  if (s.startsWith("/")) return SAME_ORIGIN_FILE.test(s) && !s.includes("..") && !s.includes("//");
  return s.startsWith("https://") && httpUrl(s, ["https:"]);
}

const badUrl = (ctx: z.core.$RefinementCtx<string>, value: string) =>
  ctx.addIssue({ code: "invalid_format", format: "url", input: value, message: "unsafe address" });

const href = z
  .string()
  .max(LIMITS.href)
  .superRefine((v, ctx) => {
    if (!isSafeHref(v)) badUrl(ctx, v);
  });
const imageSrc = z
  .string()
  .max(LIMITS.dataImage + 40)
  .superRefine((v, ctx) => {
    if (!isSafeImageSrc(v)) badUrl(ctx, v);
  });
const embedSrc = z
  .string()
  .max(LIMITS.href)
  .superRefine((v, ctx) => {
    if (UNSAFE_URL_CHAR.test(v) || !embedProvider(v)) badUrl(ctx, v);
  });

const noAttrs = z.strictObject({}).optional();
const simpleMark = <T extends string>(type: T) => z.strictObject({ type: z.literal(type), attrs: noAttrs });

const LinkMark = z.strictObject({
  type: z.literal("link"),
  attrs: z.strictObject({
    href,
    target: z.enum(["_blank"]).nullish(),
    // the renderer always writes its own rel; accepted only as Tiptap writes it
    rel: z
      .string()
      .regex(/^(noopener|noreferrer|nofollow|ugc)( (noopener|noreferrer|nofollow|ugc))*$/)
      .nullish(),
    class: z.null().optional(),
    title: z.string().max(LIMITS.title).nullish(),
  }),
});

export const MARK_TYPES = ["bold", "italic", "underline", "strike", "code", "subscript", "superscript", "link"] as const;

const Mark = z.discriminatedUnion("type", [
  simpleMark("bold"),
  simpleMark("italic"),
  simpleMark("underline"),
  simpleMark("strike"),
  simpleMark("code"),
  simpleMark("subscript"),
  simpleMark("superscript"),
  LinkMark,
]);

const Text = z.strictObject({
  type: z.literal("text"),
  text: z.string().min(1).max(LIMITS.text),
  marks: z.array(Mark).max(LIMITS.marks).optional(),
});
const PlainText = z.strictObject({ type: z.literal("text"), text: z.string().min(1).max(LIMITS.text) });
const HardBreak = z.strictObject({ type: z.literal("hardBreak"), attrs: noAttrs, marks: z.array(Mark).max(LIMITS.marks).optional() });
const latex = z.string().max(LIMITS.latex);
const InlineMath = z.strictObject({ type: z.literal("inlineMath"), attrs: z.strictObject({ latex }), marks: z.array(Mark).max(LIMITS.marks).optional() });

const Inline = z.discriminatedUnion("type", [Text, HardBreak, InlineMath]);
const inlineContent = z.array(Inline).optional();

const Paragraph = z.strictObject({ type: z.literal("paragraph"), attrs: noAttrs, content: inlineContent });
const Heading = z.strictObject({
  type: z.literal("heading"),
  attrs: z.strictObject({ level: z.number().int().min(1).max(4) }),
  content: inlineContent,
});
const CodeBlock = z.strictObject({
  type: z.literal("codeBlock"),
  attrs: z
    .strictObject({
      language: z
        .string()
        .regex(/^[A-Za-z0-9+#_-]{1,30}$/)
        .nullish(),
    })
    .optional(),
  content: z.array(PlainText).optional(),
});
const HorizontalRule = z.strictObject({ type: z.literal("horizontalRule"), attrs: noAttrs });
const dimension = z.number().int().min(1).max(4000).nullish();
const Image = z.strictObject({
  type: z.literal("image"),
  attrs: z.strictObject({
    src: imageSrc,
    alt: z.string().max(LIMITS.alt),
    title: z.string().max(LIMITS.title).nullish(),
    width: dimension,
    height: dimension,
  }),
});
const BlockMath = z.strictObject({ type: z.literal("blockMath"), attrs: z.strictObject({ latex }) });
const Embed = z.strictObject({
  type: z.literal("embed"),
  attrs: z.strictObject({ src: embedSrc, title: z.string().trim().min(1).max(LIMITS.title) }),
});

// recursive nodes: Zod 4 getters
const BulletList = z.strictObject({
  type: z.literal("bulletList"),
  attrs: noAttrs,
  get content() {
    return z.array(ListItem).min(1);
  },
});
const OrderedList = z.strictObject({
  type: z.literal("orderedList"),
  attrs: z.strictObject({ start: z.number().int().min(0).max(1_000_000).optional(), type: z.enum(["1", "a", "A", "i", "I"]).nullish() }).optional(),
  get content() {
    return z.array(ListItem).min(1);
  },
});
const ListItem = z.strictObject({
  type: z.literal("listItem"),
  attrs: noAttrs,
  get content() {
    return z.array(Block).min(1);
  },
});
const Blockquote = z.strictObject({
  type: z.literal("blockquote"),
  attrs: noAttrs,
  get content() {
    return z.array(Block).min(1);
  },
});
const cellAttrs = z
  .strictObject({
    colspan: z.number().int().min(1).max(LIMITS.colspan).optional(),
    rowspan: z.number().int().min(1).max(LIMITS.rowspan).optional(),
    colwidth: z.array(z.number().int().min(0).max(4000)).max(LIMITS.colspan).nullish(),
    align: z.enum(["left", "center", "right"]).nullish(),
  })
  .optional();
const TableCell = z.strictObject({
  type: z.literal("tableCell"),
  attrs: cellAttrs,
  get content() {
    return z.array(Block).min(1);
  },
});
const TableHeader = z.strictObject({
  type: z.literal("tableHeader"),
  attrs: cellAttrs,
  get content() {
    return z.array(Block).min(1);
  },
});
const TableRow = z.strictObject({
  type: z.literal("tableRow"),
  attrs: noAttrs,
  content: z.array(z.discriminatedUnion("type", [TableCell, TableHeader])).min(1),
});
const Table = z.strictObject({ type: z.literal("table"), attrs: noAttrs, content: z.array(TableRow).min(1) });

const Block: z.ZodType<RichBlock> = z.lazy(() =>
  z.discriminatedUnion("type", [Paragraph, Heading, BulletList, OrderedList, Blockquote, CodeBlock, HorizontalRule, Image, BlockMath, Embed, Table]),
);

/** The validated document (recursion and limits checked). */
export const RichTextDocStrict = z.strictObject({ type: z.literal("doc"), attrs: noAttrs, content: z.array(Block).min(1) });

// ---- types ----------------------------------------------------------------------------------
export type RichMark =
  | { type: "bold" | "italic" | "underline" | "strike" | "code" | "subscript" | "superscript"; attrs?: Record<string, never> }
  | { type: "link"; attrs: { href: string; target?: "_blank" | null; rel?: string | null; class?: null; title?: string | null } };
export type RichText = { type: "text"; text: string; marks?: RichMark[] };
export type RichInline =
  | RichText
  | { type: "hardBreak"; attrs?: Record<string, never>; marks?: RichMark[] }
  | { type: "inlineMath"; attrs: { latex: string }; marks?: RichMark[] };
export type RichCell = {
  type: "tableCell" | "tableHeader";
  attrs?: { colspan?: number; rowspan?: number; colwidth?: number[] | null; align?: "left" | "center" | "right" | null };
  content: RichBlock[];
};
export type RichBlock =
  | { type: "paragraph"; attrs?: Record<string, never>; content?: RichInline[] }
  | { type: "heading"; attrs: { level: number }; content?: RichInline[] }
  | { type: "bulletList"; attrs?: Record<string, never>; content: RichListItem[] }
  | { type: "orderedList"; attrs?: { start?: number; type?: "1" | "a" | "A" | "i" | "I" | null }; content: RichListItem[] }
  | { type: "blockquote"; attrs?: Record<string, never>; content: RichBlock[] }
  | { type: "codeBlock"; attrs?: { language?: string | null }; content?: { type: "text"; text: string }[] }
  | { type: "horizontalRule"; attrs?: Record<string, never> }
  | { type: "image"; attrs: { src: string; alt: string; title?: string | null; width?: number | null; height?: number | null } }
  | { type: "blockMath"; attrs: { latex: string } }
  | { type: "embed"; attrs: { src: string; title: string } }
  | { type: "table"; attrs?: Record<string, never>; content: { type: "tableRow"; attrs?: Record<string, never>; content: RichCell[] }[] };
export type RichListItem = { type: "listItem"; attrs?: Record<string, never>; content: RichBlock[] };
export type RichTextDocument = { type: "doc"; attrs?: Record<string, never>; content: RichBlock[] };

export const NODE_TYPES = [
  "doc",
  "paragraph",
  "heading",
  "text",
  "bulletList",
  "orderedList",
  "listItem",
  "blockquote",
  "codeBlock",
  "hardBreak",
  "horizontalRule",
  "table",
  "tableRow",
  "tableHeader",
  "tableCell",
  "image",
  "inlineMath",
  "blockMath",
  "embed",
] as const;

/** A document with one empty paragraph: what a new rich-text field holds. */
export const emptyDoc = (): RichTextDocument => ({ type: "doc", content: [{ type: "paragraph" }] });

export type SizeIssue = { path: (string | number)[]; code: "too_big" | "invalid_type"; maximum?: number };

/**
 * Depth and size limits checked without recursion BEFORE any recursive validation, so a document
 * nested 100,000 levels deep is a 422, never a stack overflow.
 */
export function checkSize(input: unknown): SizeIssue | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return { path: [], code: "invalid_type" };
  const stack: { v: unknown; depth: number; path: (string | number)[] }[] = [{ v: input, depth: 1, path: [] }];
  let values = 0;
  let chars = 0;
  let latexChars = 0;
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (++values > LIMITS.values) return { path, code: "too_big", maximum: LIMITS.values };
    if (typeof v === "string") {
      chars += v.length;
      if (chars > LIMITS.chars) return { path, code: "too_big", maximum: LIMITS.chars };
      if (path[path.length - 1] === "latex" && (latexChars += v.length) > LIMITS.latexTotal) return { path, code: "too_big", maximum: LIMITS.latexTotal };
      continue;
    }
    if (typeof v !== "object" || v === null) continue;
    if (depth > LIMITS.depth) return { path, code: "too_big", maximum: LIMITS.depth };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], depth: depth + 1, path: [...path, i] });
    } else {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        chars += entries[i][0].length;
        stack.push({ v: entries[i][1], depth: depth + 1, path: [...path, entries[i][0]] });
      }
    }
  }
  return undefined;
}

/**
 * The Zod type for a rich-text field in a contract: size limits first (iteratively), then the
 * strict allow-list. Errors carry the path inside the document (e.g. `description.content.2.attrs.href`).
 */
export const RichTextDoc = z
  .unknown()
  .transform((input, ctx): RichTextDocument => {
    const size = checkSize(input);
    if (size) {
      ctx.issues.push(
        size.code === "too_big"
          ? {
              code: "too_big",
              origin: "array",
              maximum: size.maximum ?? 0,
              inclusive: true,
              path: size.path.slice(0, 8),
              input,
              message: "document too large or too deep",
            }
          : { code: "invalid_type", expected: "object", path: size.path, input, message: "expected a document" },
      );
      return z.NEVER;
    }
    const r = RichTextDocStrict.safeParse(input, { reportInput: true });
    if (!r.success) {
      for (const issue of r.error.issues) {
        // name the unknown key itself in the path (content.0.attrs.onclick)
        const path = issue.code === "unrecognized_keys" && issue.keys[0] ? [...issue.path, issue.keys[0]] : issue.path;
        ctx.issues.push({ ...issue, path, input: (issue as { input?: unknown }).input } as never);
      }
      return z.NEVER;
    }
    return r.data as RichTextDocument;
  })
  .meta({ description: "Rich text: a ProseMirror JSON document (nodes, marks and attributes on an allow-list)", type: "object" } as never);
export type RichTextDoc = RichTextDocument;
