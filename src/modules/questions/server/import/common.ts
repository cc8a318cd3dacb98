import { randomBytes } from "node:crypto";
import type { QuestionDefinitionInput } from "../../shared/types.ts";

/** One question read from a file, before validation. */
export type Parsed = {
  /** 1-based line where the question starts (0 when the format has no lines worth citing) */
  line: number;
  name: string;
  points: number;
  tags: string[];
  definition: QuestionDefinitionInput | null;
  problems: ParseProblem[];
};
export type ParseProblem = { line: number; level: "error" | "warning"; code: string; params?: Record<string, unknown> };

/** Random ids: they must not reveal the right order or the right option. */
export const rid = () => randomBytes(6).toString("base64url");

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** HTML (Moodle question text) to the plain text with \( \) maths that questions hold. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h[1-6]|tr)>/gi, "\n")
    .replace(/<li[^>]*>/gi, "• ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const n = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
        return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\$\$([\s\S]+?)\$\$/g, (_, m: string) => `\\[${m}\\]`)
    .replace(/[ \t\u00a0]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export const hasImage = (html: string) => /<img\b/i.test(html);
