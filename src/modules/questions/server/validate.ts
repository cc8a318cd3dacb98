import type { FieldErrors } from "../../../kernel/errors.ts";
import { AppError } from "../../../kernel/errors.ts";
import type { QuestionDefinition } from "../shared/types.ts";
import { mathEquivalent } from "./scoring/math.ts";

/**
 * Checks what Zod cannot: a question must be answerable with full marks, ids must be unique,
 * every gap must appear in the text, the expected maths must parse. Returns field errors keyed
 * under `prefix` (e.g. "definition.options") with codes `questions.<problem>`.
 */
export function definitionProblems(d: QuestionDefinition, prefix = "definition"): FieldErrors {
  const f: FieldErrors = {};
  const add = (path: string, code: string, params?: Record<string, unknown>) => {
    f[`${prefix}.${path}`] ??= { code: `questions.${code}`, params };
  };
  const unique = (path: string, ids: string[]) => {
    if (new Set(ids).size !== ids.length) add(path, "duplicate_ids");
  };
  switch (d.type) {
    case "single":
      unique(
        "options",
        d.options.map((o) => o.id),
      );
      if (!d.options.some((o) => o.fraction === 1)) add("options", "no_full_mark");
      break;
    case "multiple":
      unique(
        "options",
        d.options.map((o) => o.id),
      );
      if (!d.options.some((o) => o.correct)) add("options", "no_correct_option");
      break;
    case "short":
      if (!d.answers.some((a) => a.fraction === 1)) add("answers", "no_full_mark");
      break;
    case "numeric":
      if (!d.answers.some((a) => a.fraction === 1)) add("answers", "no_full_mark");
      if (d.units.length > 0 && d.units[0].multiplier !== 1) add("units", "base_unit");
      if (new Set(d.units.map((u) => u.unit)).size !== d.units.length) add("units", "duplicate_ids");
      break;
    case "math":
      // an expected answer must have a value somewhere (not an equation, not 1/0)
      if (mathEquivalent(d.answer, d.answer) !== "equivalent") add("answer", "math_invalid");
      d.alternatives.forEach((a, i) => {
        if (mathEquivalent(a, a) !== "equivalent") add(`alternatives.${i}`, "math_invalid");
      });
      break;
    case "matching":
      unique(
        "pairs",
        d.pairs.map((p) => p.id),
      );
      break;
    case "ordering":
      unique(
        "items",
        d.items.map((i) => i.id),
      );
      break;
    case "cloze": {
      unique(
        "gaps",
        d.gaps.map((g) => g.id),
      );
      const inText = new Set([...d.text.matchAll(/\[\[([^\]]{1,64})\]\]/g)].map((m) => m[1].trim()));
      d.gaps.forEach((g, i) => {
        if (!inText.has(g.id)) add(`gaps.${i}`, "gap_not_in_text", { gap: g.id });
        if (!g.answers.some((a) => a.fraction === 1)) add(`gaps.${i}`, "no_full_mark");
      });
      for (const id of inText) if (!d.gaps.some((g) => g.id === id)) add("text", "gap_unknown", { gap: id });
      break;
    }
    case "essay":
      if (d.minWords !== null && d.maxWords !== null && d.minWords > d.maxWords) add("maxWords", "words_range");
      break;
    default:
      break;
  }
  return f;
}

export function checkDefinition(d: QuestionDefinition) {
  const f = definitionProblems(d);
  if (Object.keys(f).length) throw new AppError("validation", {}, f);
}

/** A name for lists: the author's, or the stem's first words. */
export function questionName(name: string | undefined, d: QuestionDefinition): string {
  const n = name?.trim();
  if (n) return n.slice(0, 200);
  const s = d.stem
    .replace(/\\[()[\]]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return s.length > 80 ? `${s.slice(0, 79)}…` : s || d.type;
}
