import type { QuestionDefinitionInput } from "../../shared/types.ts";
import { htmlToText, type Parsed, type ParseProblem, rid } from "./common.ts";

/**
 * GIFT (Moodle's plain-text question format), with three additions for types GIFT lacks:
 * `{MATH: latex}` (maths answer), `{ORDER: first | second | third}` (ordering) and `{FILE}` (file
 * response). Questions are separated by blank lines; `//` starts a comment line; `::name::`
 * names a question; text after the answer block makes a fill-in-the-blank question.
 *
 * Supported: true/false, single and multiple choice (weights %n%, feedback #, general feedback
 * ####), short answer, numeric (value:tolerance, min..max, several answers), matching (a -> b),
 * missing word, essay ({}). Each problem names its line.
 */
export function parseGift(text: string): Parsed[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const blocks: { line: number; text: string }[] = [];
  let cur: { line: number; parts: string[] } | null = null;
  // as in Moodle, a blank line always ends a question: an unclosed brace stays local to its question
  lines.forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith("//") || trimmed.startsWith("$CATEGORY:")) return;
    if (trimmed === "") {
      if (cur) blocks.push({ line: cur.line, text: cur.parts.join("\n") });
      cur = null;
      return;
    }
    cur ??= { line: i + 1, parts: [] };
    cur.parts.push(raw);
  });
  const last = cur as { line: number; parts: string[] } | null;
  if (last) blocks.push({ line: last.line, text: last.parts.join("\n") });
  return blocks.map((b) => parseBlock(b.text, b.line));
}

const unescapeGift = (s: string) => s.replace(/\\([~=#{}:\\])/g, "$1").replace(/\\n/g, "\n");

/** Index of the first unescaped occurrence of `ch` from `from`. */
function findUnescaped(s: string, ch: string, from = 0): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s.startsWith(ch, i)) return i;
  }
  return -1;
}

/** Splits on unescaped `sep`. */
function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s.startsWith(sep, i)) {
      out.push(s.slice(last, i));
      last = i + sep.length;
      i += sep.length - 1;
    }
  }
  out.push(s.slice(last));
  return out;
}

function lineOf(block: string, index: number, first: number) {
  return first + (block.slice(0, Math.max(0, index)).match(/\n/g)?.length ?? 0);
}

function formatText(s: string): string {
  const m = /^\s*\[(html|moodle|plain|markdown)\]/i.exec(s);
  if (!m) return unescapeGift(s).trim();
  const body = s.slice(m[0].length);
  return m[1].toLowerCase() === "html" ? htmlToText(unescapeGift(body)) : unescapeGift(body).trim();
}

type Item = { mark: "=" | "~"; weight: number | null; text: string; feedback: string; at: number };

/** Answer items of a choice or short-answer block: `=right#fb ~%50%half#fb ~wrong`. */
function items(body: string, offset: number): Item[] {
  const out: Item[] = [];
  let i = 0;
  let start = -1;
  let mark: "=" | "~" = "=";
  const flush = (end: number) => {
    if (start < 0) return;
    let raw = body.slice(start, end);
    let weight: number | null = null;
    const w = /^\s*%(-?\d+(?:[.,]\d+)?)%/.exec(raw);
    if (w) {
      weight = Number(w[1].replace(",", "."));
      raw = raw.slice(w[0].length);
    }
    const h = findUnescaped(raw, "#");
    out.push({
      mark,
      weight,
      text: unescapeGift(h < 0 ? raw : raw.slice(0, h)).trim(),
      feedback: h < 0 ? "" : unescapeGift(raw.slice(h + 1)).trim(),
      at: offset + start,
    });
  };
  for (; i < body.length; i++) {
    if (body[i] === "\\") {
      i++;
      continue;
    }
    if (body[i] === "=" || body[i] === "~") {
      // "->" of matching never starts an item; "=" inside a matching pair's text is escaped by authors
      flush(i);
      mark = body[i] as "=" | "~";
      start = i + 1;
    }
  }
  flush(body.length);
  return out;
}

function parseBlock(block: string, line: number): Parsed {
  const problems: ParseProblem[] = [];
  const fail = (code: string, at = line, params?: Record<string, unknown>): Parsed => ({
    line,
    name: "",
    points: 1,
    tags: [],
    definition: null,
    problems: [...problems, { line: at, level: "error", code, params }],
  });
  let rest = block;
  let name = "";
  const title = /^\s*::([\s\S]*?)::/.exec(rest);
  if (title) {
    name = unescapeGift(title[1]).trim();
    rest = rest.slice(title[0].length);
  }
  const restOffset = block.length - rest.length;
  const open = findUnescaped(rest, "{");
  if (open < 0) return fail("gift_no_answers", line);
  const close = findUnescaped(rest, "}", open + 1);
  const reopen = findUnescaped(rest, "{", open + 1);
  if (close < 0 || (reopen >= 0 && reopen < close)) return fail("gift_unclosed", lineOf(block, restOffset + open, line));
  if (findUnescaped(rest, "{", close + 1) >= 0) return fail("gift_two_blocks", lineOf(block, restOffset + findUnescaped(rest, "{", close + 1), line));
  const before = formatText(rest.slice(0, open));
  const after = formatText(rest.slice(close + 1));
  let body = rest.slice(open + 1, close);
  const bodyOffset = restOffset + open + 1;
  const at = (i: number) => lineOf(block, bodyOffset + i, line);
  let generalFeedback = "";
  const gf = findUnescaped(body, "####");
  if (gf >= 0) {
    generalFeedback = unescapeGift(body.slice(gf + 4)).trim();
    body = body.slice(0, gf);
  }
  const trimmed = body.trim();
  const stem = before;
  const base = { generalFeedback };
  const done = (definition: QuestionDefinitionInput): Parsed => ({ line, name, points: 1, tags: [], definition, problems });
  if (!stem && !after) return fail("gift_no_stem", line);

  // essay
  if (trimmed === "") return done({ type: "essay", stem: stem || after, ...base });
  if (/^FILE$/i.test(trimmed)) return done({ type: "file", stem, ...base });
  const math = /^MATH\s*:([\s\S]*)$/i.exec(trimmed);
  if (math) return done({ type: "math", stem, answer: unescapeGift(math[1]).trim(), ...base });
  const order = /^ORDER\s*:([\s\S]*)$/i.exec(trimmed);
  if (order) {
    const texts = splitUnescaped(order[1], "|")
      .map((x) => unescapeGift(x).trim())
      .filter(Boolean);
    if (texts.length < 2) return fail("gift_order_items", at(0));
    return done({ type: "ordering", stem, items: texts.map((text) => ({ id: rid(), text })), ...base });
  }
  // true/false
  const tf = /^(T|F|TRUE|FALSE)\b([\s\S]*)$/i.exec(trimmed);
  if (tf) {
    const correct = tf[1].toUpperCase().startsWith("T");
    const fbs = splitUnescaped(tf[2], "#")
      .slice(1)
      .map((x) => unescapeGift(x).trim());
    if (tf[2].trim() && !tf[2].trim().startsWith("#")) return fail("gift_bad_truefalse", at(0));
    // GIFT: first feedback for a wrong answer, second for a right one
    const [wrong = "", right = ""] = fbs;
    return done({ type: "truefalse", stem, correct, trueFeedback: correct ? right : wrong, falseFeedback: correct ? wrong : right, ...base });
  }
  // numeric
  if (trimmed.startsWith("#")) {
    const spec = trimmed.slice(1);
    const parts =
      findUnescaped(spec, "=") >= 0
        ? items(spec, 0).filter((x) => x.mark === "=")
        : [
            {
              mark: "=" as const,
              weight: null,
              text: unescapeGift(splitUnescaped(spec, "#")[0]).trim(),
              feedback: unescapeGift(splitUnescaped(spec, "#")[1] ?? "").trim(),
              at: 0,
            },
          ];
    const answers = [];
    for (const p of parts) {
      const range = /^(-?[\d.]+(?:e-?\d+)?)\s*\.\.\s*(-?[\d.]+(?:e-?\d+)?)$/i.exec(p.text);
      const tol = /^(-?[\d.]+(?:e-?\d+)?)\s*(?::\s*([\d.]+(?:e-?\d+)?))?$/i.exec(p.text);
      let value: number;
      let tolerance: number;
      if (range) {
        const [lo, hi] = [Number(range[1]), Number(range[2])];
        value = (lo + hi) / 2;
        tolerance = Math.abs(hi - lo) / 2;
      } else if (tol) {
        value = Number(tol[1]);
        tolerance = Number(tol[2] ?? 0);
      } else return fail("gift_bad_number", at(p.at), { text: p.text });
      if (!Number.isFinite(value) || !Number.isFinite(tolerance)) return fail("gift_bad_number", at(p.at), { text: p.text });
      answers.push({ value, tolerance, fraction: p.weight === null ? 1 : p.weight / 100, feedback: p.feedback });
    }
    if (answers.length === 0) return fail("gift_no_answers", at(0));
    return done({ type: "numeric", stem, answers, ...base });
  }
  const its = items(body, 0);
  if (its.length === 0) return fail("gift_no_answers", at(0));
  for (const it of its) {
    if (!it.text) return fail("gift_empty_answer", at(it.at));
    if (it.weight !== null && (it.weight < -100 || it.weight > 100)) return fail("gift_bad_weight", at(it.at), { weight: it.weight });
  }
  // matching
  if (its.every((x) => x.mark === "=") && its.some((x) => findUnescaped(x.text, "->") >= 0)) {
    const pairs = [];
    for (const it of its) {
      const [prompt, answer] = splitUnescaped(it.text, "->").map((x) => x.trim());
      if (answer === undefined || !answer) return fail("gift_bad_pair", at(it.at));
      pairs.push({ id: rid(), prompt, answer });
    }
    return done({ type: "matching", stem, pairs: pairs.filter((p) => p.prompt), extraAnswers: pairs.filter((p) => !p.prompt).map((p) => p.answer), ...base });
  }
  const fraction = (x: Item) => (x.weight === null ? (x.mark === "=" ? 1 : 0) : x.weight / 100);
  // short answer (every answer is right, possibly with partial weights)
  if (its.every((x) => x.mark === "=")) {
    const answers = its.map((x) => ({ pattern: x.text, fraction: Math.max(0, fraction(x)), feedback: x.feedback }));
    if (after) {
      return done({
        type: "cloze",
        stem: "",
        text: `${stem} [[g1]] ${after}`.trim(),
        gaps: [{ id: "g1", kind: "typed", answers: answers.map((a) => ({ text: a.pattern, fraction: a.fraction, feedback: a.feedback })) }],
        ...base,
      });
    }
    return done({ type: "short", stem, answers, ...base });
  }
  const rights = its.filter((x) => x.mark === "=");
  // single choice: one "=" (others may carry partial weights)
  if (rights.length === 1 || (rights.length === 0 && its.filter((x) => fraction(x) >= 1).length === 1 && its.every((x) => fraction(x) >= 0))) {
    const options = its.map((x) => ({ id: rid(), text: x.text, fraction: Math.max(0, Math.min(1, fraction(x))), feedback: x.feedback }));
    if (after) {
      return done({
        type: "cloze",
        stem: "",
        text: `${stem} [[g1]] ${after}`.trim(),
        gaps: [{ id: "g1", kind: "select", answers: options.map((o) => ({ text: o.text, fraction: o.fraction, feedback: o.feedback })) }],
        ...base,
      });
    }
    return done({ type: "single", stem, options, ...base });
  }
  if (rights.length > 1) return fail("gift_many_right", at(rights[1].at));
  // multiple answers: positive weights are right, negative ones the penalty
  const negatives = its.filter((x) => fraction(x) < 0).map((x) => -fraction(x));
  const positives = its.filter((x) => fraction(x) > 0);
  if (positives.length === 0) return fail("gift_no_right", at(its[0].at));
  if (new Set(positives.map((x) => x.weight)).size > 1) problems.push({ line: at(positives[0].at), level: "warning", code: "gift_equal_weights" });
  const penalty = negatives.length ? negatives.reduce((s, x) => s + x, 0) / negatives.length : 0;
  return done({
    type: "multiple",
    stem: after ? `${stem} ___ ${after}` : stem,
    options: its.map((x) => ({ id: rid(), text: x.text, correct: fraction(x) > 0, feedback: x.feedback })),
    grading: "partial",
    wrongPenalty: Math.min(1, penalty),
    ...base,
  });
}
