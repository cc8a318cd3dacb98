/**
 * Safe rich text (ProseMirror JSON) with maths, shared by every module (course descriptions,
 * pages, questions, forum posts).
 *
 * - In a contract (shared with the web client), import `RichTextDoc` from "kernel/richtext/schema.ts"
 *   (pure Zod): `description: RichTextDoc` validates and rejects with a 422 naming the path.
 * - On the server, import from here: `parseRichText(value, "description")` when validating outside
 *   a contract, `renderRichText(doc, locale)` for the HTML sent to clients (RichTextView shows only
 *   that HTML), `richTextToPlain(doc)` for search indexing.
 *
 * Policy: a document with anything not on the allow-list is rejected (422), never silently
 * repaired, so what is stored is exactly what was validated; the renderer escapes everything
 * anyway and re-checks addresses.
 */
import { AppError, type FieldErrors } from "../errors.ts";
import { zodFields } from "../http/route.ts";
import { RichTextDoc, type RichTextDocument } from "./schema.ts";

export { EMBED_ORIGINS, EMBED_PROVIDERS, embedProvider, toEmbedSrc } from "./embeds.ts";
export { checkHtml, RICH_ALLOW } from "./html-check.ts";
export { escapeHtml, latexToMathml, type RenderOptions, renderRichText, richTextToPlain } from "./render.ts";
export { emptyDoc, isSafeHref, isSafeImageSrc, LIMITS, RichTextDoc, RichTextDocStrict } from "./schema.ts";
export type { RichBlock, RichInline, RichMark, RichTextDocument } from "./schema.ts";

/**
 * Validates an untrusted value as a rich-text document. Throws AppError("validation") whose
 * fields name the path of each problem under `field` (e.g. `description.content.3.attrs.href`),
 * plus `field` itself with a summary naming the first path.
 */
export function parseRichText(input: unknown, field = "doc"): RichTextDocument {
  const r = RichTextDoc.safeParse(input, { reportInput: true });
  if (r.success) return r.data;
  const fields: FieldErrors = zodFields(r.error, field);
  const first = Object.keys(fields)[0] ?? field;
  if (!fields[field]) fields[field] = { code: "richtext.invalid", params: { path: first.slice(field.length + 1) || "doc" } };
  throw new AppError("validation", {}, fields);
}

/** The document when valid, else undefined (for reading stored data defensively). */
export function tryParseRichText(input: unknown): RichTextDocument | undefined {
  const r = RichTextDoc.safeParse(input);
  return r.success ? r.data : undefined;
}
