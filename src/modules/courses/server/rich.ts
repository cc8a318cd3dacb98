import { isLocale } from "../../../kernel/i18n.ts";
import { parseRichText, renderRichText, richTextToPlain } from "../../../kernel/richtext/index.ts";

export type StoredRich = { doc: unknown; html: string; plain: string };

/**
 * Parses a rich-text field and renders its safe HTML at write time (reads never render).
 * A bad document is a 422 naming `field`. `language` is the course's (labels inside the HTML).
 */
export function richField(field: string, input: unknown, language = "fr"): StoredRich {
  const doc = parseRichText(input, field);
  return { doc, html: renderRichText(doc, isLocale(language) ? language : "fr"), plain: richTextToPlain(doc) };
}

export const emptyRich: StoredRich = { doc: null, html: "", plain: "" };
