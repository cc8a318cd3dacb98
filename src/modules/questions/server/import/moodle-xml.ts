import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { QuestionDefinitionInput } from "../../shared/types.ts";
import { hasImage, htmlToText, type Parsed, type ParseProblem, rid } from "./common.ts";

/**
 * Moodle XML (the quiz bank export of Moodle). Supported: multichoice (single and multiple),
 * truefalse, shortanswer, numerical (with units), matching, essay, gapselect, ordering, cloze
 * (multianswer: SHORTANSWER, MULTICHOICE and exact NUMERICAL gaps). Categories and descriptions
 * are skipped; other types are reported, never silently dropped. Pictures inside texts are not
 * carried over (a warning says so). Lines are those of each <question> element.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) => ["question", "answer", "subquestion", "hint", "tag", "unit", "selectoption", "file"].includes(name),
});

type X = Record<string, unknown> & { "#text"?: string };
const str = (v: unknown): string => (v === undefined || v === null ? "" : typeof v === "object" ? str((v as X)["#text"]) : String(v));
const textOf = (v: unknown): string => str((v as X | undefined)?.text);
const arr = (v: unknown): X[] => (Array.isArray(v) ? (v as X[]) : v ? [v as X] : []);
const num = (v: unknown, d: number) => {
  const n = Number(str(v).trim());
  return Number.isFinite(n) && str(v).trim() !== "" ? n : d;
};

export function parseMoodleXml(xml: string): Parsed[] | { error: { line: number; code: string } } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { error: { line: valid.err.line, code: "xml_invalid" } };
  const doc = parser.parse(xml) as { quiz?: { question?: X[] } };
  if (!doc.quiz) return { error: { line: 0, code: "xml_not_moodle" } };
  const lines = questionLines(xml);
  const out: Parsed[] = [];
  arr(doc.quiz.question).forEach((q, i) => {
    const type = str(q["@type"]);
    if (type === "category" || type === "description") return;
    out.push(parseQuestion(q, type, lines[i] ?? 0));
  });
  return out;
}

/** Line of each <question opening tag, in document order. */
function questionLines(xml: string): number[] {
  const res: number[] = [];
  const re = /<question\b/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) res.push((xml.slice(0, m.index).match(/\n/g)?.length ?? 0) + 1);
  return res;
}

function parseQuestion(q: X, type: string, line: number): Parsed {
  const problems: ParseProblem[] = [];
  const html = textOf(q.questiontext);
  if (hasImage(html)) problems.push({ line, level: "warning", code: "xml_image_dropped" });
  const stem = htmlToText(html);
  const fb = (v: unknown) => htmlToText(textOf(v));
  const base = {
    stem,
    generalFeedback: fb(q.generalfeedback),
    correctFeedback: fb(q.correctfeedback),
    partialFeedback: fb(q.partiallycorrectfeedback),
    incorrectFeedback: fb(q.incorrectfeedback),
    hints: arr(q.hint)
      .map((h) => htmlToText(textOf(h)))
      .filter(Boolean)
      .slice(0, 10),
  };
  const result = (definition: QuestionDefinitionInput | null, code?: string, params?: Record<string, unknown>): Parsed => ({
    line,
    name: htmlToText(textOf(q.name)).slice(0, 200),
    points: Math.max(0, Math.min(1000, num(q.defaultgrade, 1))),
    tags: arr((q.tags as X | undefined)?.tag)
      .map((t) => textOf(t).trim())
      .filter(Boolean)
      .slice(0, 20),
    definition,
    problems: code ? [...problems, { line, level: "error", code, params }] : problems,
  });
  const answers = arr(q.answer).map((a) => ({ text: htmlToText(textOf(a)), fraction: num(a["@fraction"], 0) / 100, feedback: fb(a.feedback) }));
  const shuffle = str(q.shuffleanswers).trim() !== "0" && str(q.shuffleanswers).trim() !== "false";
  switch (type) {
    case "multichoice": {
      const single = str(q.single).trim() !== "false" && str(q.single).trim() !== "0";
      if (single)
        return result({
          type: "single",
          ...base,
          shuffle,
          options: answers.map((a) => ({ id: rid(), text: a.text, fraction: Math.max(0, a.fraction), feedback: a.feedback })),
        });
      const negatives = answers.filter((a) => a.fraction < 0).map((a) => -a.fraction);
      if (new Set(answers.filter((a) => a.fraction > 0).map((a) => a.fraction)).size > 1) problems.push({ line, level: "warning", code: "gift_equal_weights" });
      return result({
        type: "multiple",
        ...base,
        shuffle,
        options: answers.map((a) => ({ id: rid(), text: a.text, correct: a.fraction > 0, feedback: a.feedback })),
        grading: "partial",
        wrongPenalty: negatives.length ? Math.min(1, negatives.reduce((s, x) => s + x, 0) / negatives.length) : 0,
      });
    }
    case "truefalse": {
      const t = answers.find((a) => /^(true|vrai|wahr|vero|verdadero|waar)$/i.test(a.text)) ?? answers[0];
      const f = answers.find((a) => a !== t);
      if (!t || !f) return result(null, "xml_bad_question", { type });
      return result({ type: "truefalse", ...base, correct: t.fraction >= 1, trueFeedback: t.feedback, falseFeedback: f.feedback });
    }
    case "shortanswer":
      return result({
        type: "short",
        ...base,
        caseSensitive: str(q.usecase).trim() === "1",
        answers: answers.map((a) => ({ pattern: a.text, fraction: Math.max(0, a.fraction), feedback: a.feedback })),
      });
    case "numerical": {
      const units = arr((q.units as X | undefined)?.unit).map((u) => ({ unit: str(u.unit_name).trim(), multiplier: num(u.multiplier, 1) }));
      const nums = [];
      for (const a of arr(q.answer)) {
        const v = htmlToText(textOf(a));
        if (v === "*") continue; // Moodle's "any other answer"
        const value = Number(v.replace(",", "."));
        if (!Number.isFinite(value)) return result(null, "gift_bad_number", { text: v });
        nums.push({ value, tolerance: Math.abs(num(a.tolerance, 0)), fraction: Math.max(0, num(a["@fraction"], 0) / 100), feedback: fb(a.feedback) });
      }
      return result({ type: "numeric", ...base, answers: nums, units, unitPenalty: units.length ? Math.min(1, Math.max(0, num(q.unitpenalty, 0.1))) : 0 });
    }
    case "matching": {
      const subs = arr(q.subquestion).map((s) => ({ prompt: htmlToText(textOf(s)), answer: htmlToText(textOf(arr(s.answer)[0])) }));
      return result({
        type: "matching",
        ...base,
        shuffle,
        pairs: subs.filter((s) => s.prompt).map((s) => ({ id: rid(), ...s })),
        extraAnswers: subs.filter((s) => !s.prompt && s.answer).map((s) => s.answer),
      });
    }
    case "essay":
      return result({ type: "essay", ...base, graderInfo: fb(q.graderinfo) });
    case "ordering":
      return result({ type: "ordering", ...base, items: answers.map((a) => ({ id: rid(), text: a.text })) });
    case "gapselect": {
      const opts = arr(q.selectoption).map((o) => ({ text: htmlToText(textOf(o)), group: str(o.group).trim() || "1" }));
      const gaps = [];
      for (const m of stem.matchAll(/\[\[(\d+)\]\]/g)) {
        const right = opts[Number(m[1]) - 1];
        if (!right) return result(null, "xml_bad_question", { type });
        const group = opts.filter((o) => o.group === right.group);
        gaps.push({
          id: m[1],
          kind: "select" as const,
          answers: [...new Set(group.map((o) => o.text))].map((text) => ({ text, fraction: text === right.text ? 1 : 0 })),
        });
      }
      return result({ type: "cloze", ...base, stem: "", text: stem, gaps: dedupeGaps(gaps) });
    }
    case "multianswer":
      return multianswer(stem, base, result);
    default:
      return result(null, "xml_unsupported_type", { type });
  }
}

const dedupeGaps = <T extends { id: string }>(gaps: T[]) => gaps.filter((g, i) => gaps.findIndex((x) => x.id === g.id) === i);

/** Moodle's embedded answers: {1:SHORTANSWER:=right#fb~%50%half} inside the text. */
function multianswer(
  stem: string,
  base: Record<string, unknown>,
  result: (d: QuestionDefinitionInput | null, code?: string, p?: Record<string, unknown>) => Parsed,
): Parsed {
  const gaps: {
    id: string;
    kind: "typed" | "select";
    caseSensitive: boolean;
    weight: number;
    answers: { text: string; fraction: number; feedback: string }[];
  }[] = [];
  let n = 0;
  let bad: string | null = null;
  const text = stem.replace(/\{(\d*):([A-Z_]+):((?:\\.|[^}])*)\}/g, (_m, w: string, kind: string, spec: string) => {
    n++;
    const answers = spec.split(/(?<!\\)~/).map((part) => {
      let s = part;
      let fraction = 0;
      if (s.startsWith("=")) {
        fraction = 1;
        s = s.slice(1);
      }
      const pct = /^%(-?\d+(?:\.\d+)?)%/.exec(s);
      if (pct) {
        fraction = Number(pct[1]) / 100;
        s = s.slice(pct[0].length);
      }
      const [t, f = ""] = s.split(/(?<!\\)#/);
      return { text: t.replace(/\\(.)/g, "$1").trim(), fraction: Math.max(0, fraction), feedback: f.replace(/\\(.)/g, "$1").trim() };
    });
    const k = kind.toUpperCase();
    let gap: (typeof gaps)[number] | null = null;
    const id = String(n);
    const weight = Math.max(1, Number(w) || 1);
    if (/^(SHORTANSWER|SA|MW)$/.test(k)) gap = { id, kind: "typed", caseSensitive: false, weight, answers };
    else if (/^(SHORTANSWER_C|SAC|MWC)$/.test(k)) gap = { id, kind: "typed", caseSensitive: true, weight, answers };
    else if (/^(MULTICHOICE|MC)(_?[VHS]|_?[VH]S)?$/.test(k)) gap = { id, kind: "select", caseSensitive: false, weight, answers };
    else if (/^(NUMERICAL|NM)$/.test(k) && answers.every((a) => !a.text.includes(":"))) gap = { id, kind: "typed", caseSensitive: false, weight, answers };
    else bad ??= k;
    if (gap) gaps.push(gap);
    return `[[${id}]]`;
  });
  if (bad) return result(null, "xml_unsupported_gap", { kind: bad });
  if (gaps.length === 0) return result(null, "xml_bad_question", { type: "multianswer" });
  return result({ type: "cloze", ...(base as object), stem: "", text, gaps } as QuestionDefinitionInput);
}
