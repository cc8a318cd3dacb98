import { type DefOf, MANUAL_TYPES, type QuestionDefinition, QuestionResponse, type ScoreResult } from "../../shared/types.ts";
import { mathEquivalent } from "./math.ts";
import { readNumber, withinTolerance } from "./numeric.ts";
import { matchesPattern } from "./text.ts";

/**
 * Scores a learner's response to a question definition. Never throws: a missing response is
 * "unanswered" (0), a malformed one or one of another type is "invalid" (0). Essay and file
 * responses are for a person to grade (fraction null).
 */
export function scoreResponse(def: QuestionDefinition, response: unknown): ScoreResult {
  const right = rightAnswer(def);
  const out = (fraction: number | null, state: ScoreResult["state"], feedback: string[] = [], parts: Record<string, boolean> = {}): ScoreResult => ({
    fraction: fraction === null ? null : clamp01(fraction),
    state,
    feedback: withOutcomeFeedback(def, state, feedback),
    rightAnswer: right,
    parts,
  });
  if (response === null || response === undefined) return out(MANUAL_TYPES.includes(def.type) ? null : 0, "unanswered");
  const parsed = QuestionResponse.safeParse(response);
  if (!parsed.success || parsed.data.type !== def.type) return out(0, "invalid");
  try {
    const r = score(def, parsed.data);
    if (r.manual) return out(null, "manual", r.feedback ?? []);
    if (r.unanswered) return out(0, "unanswered");
    const f = clamp01(r.fraction);
    return out(f, f >= 1 - 1e-9 ? "correct" : f > 0 ? "partial" : "incorrect", r.feedback ?? [], r.parts ?? {});
  } catch {
    return out(0, "invalid");
  }
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

function withOutcomeFeedback(def: QuestionDefinition, state: ScoreResult["state"], fb: string[]): string[] {
  const outcome =
    state === "correct"
      ? def.correctFeedback
      : state === "partial"
        ? def.partialFeedback
        : state === "incorrect" || state === "unanswered"
          ? def.incorrectFeedback
          : "";
  return [...fb, outcome, def.generalFeedback].filter((s) => s && s.trim() !== "");
}

type Partial = { fraction: number; feedback?: string[]; parts?: Record<string, boolean>; manual?: boolean; unanswered?: boolean };
type Resp<T extends QuestionDefinition["type"]> = Extract<QuestionResponse, { type: T }>;

function score(def: QuestionDefinition, r: QuestionResponse): Partial {
  switch (def.type) {
    case "single":
      return single(def, r as Resp<"single">);
    case "multiple":
      return multiple(def, r as Resp<"multiple">);
    case "truefalse":
      return trueFalse(def, r as Resp<"truefalse">);
    case "short":
      return short(def, r as Resp<"short">);
    case "numeric":
      return numeric(def, r as Resp<"numeric">);
    case "math":
      return math(def, r as Resp<"math">);
    case "matching":
      return matching(def, r as Resp<"matching">);
    case "ordering":
      return ordering(def, r as Resp<"ordering">);
    case "cloze":
      return cloze(def, r as Resp<"cloze">);
    case "essay":
    case "file":
      return { fraction: 0, manual: true };
  }
}

function single(def: DefOf<"single">, r: Resp<"single">): Partial {
  if (r.optionId === null) return { fraction: 0, unanswered: true };
  const o = def.options.find((x) => x.id === r.optionId);
  if (!o) return { fraction: 0 };
  return { fraction: o.fraction, feedback: [o.feedback], parts: { [o.id]: o.fraction >= 1 } };
}

function multiple(def: DefOf<"multiple">, r: Resp<"multiple">): Partial {
  const picked = new Set(r.optionIds.filter((id) => def.options.some((o) => o.id === id)));
  if (picked.size === 0 && r.optionIds.length === 0) return { fraction: 0, unanswered: true };
  const rights = def.options.filter((o) => o.correct);
  const parts: Record<string, boolean> = {};
  const feedback: string[] = [];
  let good = 0;
  let bad = 0;
  for (const o of def.options) {
    if (!picked.has(o.id)) continue;
    parts[o.id] = o.correct;
    feedback.push(o.feedback);
    if (o.correct) good++;
    else bad++;
  }
  if (rights.length === 0) return { fraction: bad === 0 ? 1 : 0, feedback, parts };
  if (def.grading === "all-or-nothing") return { fraction: good === rights.length && bad === 0 ? 1 : 0, feedback, parts };
  const penalty = def.wrongPenalty ?? 1 / rights.length;
  return { fraction: good / rights.length - bad * penalty, feedback, parts };
}

function trueFalse(def: DefOf<"truefalse">, r: Resp<"truefalse">): Partial {
  if (r.value === null) return { fraction: 0, unanswered: true };
  return { fraction: r.value === def.correct ? 1 : 0, feedback: [r.value ? def.trueFeedback : def.falseFeedback] };
}

function short(def: DefOf<"short">, r: Resp<"short">): Partial {
  if (r.text.trim() === "") return { fraction: 0, unanswered: true };
  const opts = { caseSensitive: def.caseSensitive, accentSensitive: def.accentSensitive };
  const best = bestOf(def.answers.filter((a) => matchesPattern(a.pattern, r.text, opts)));
  return best ? { fraction: best.fraction, feedback: [best.feedback] } : { fraction: 0 };
}

const bestOf = <T extends { fraction: number }>(xs: T[]): T | undefined =>
  xs.reduce<T | undefined>((b, x) => (!b || x.fraction > b.fraction ? x : b), undefined);

function numeric(def: DefOf<"numeric">, r: Resp<"numeric">): Partial {
  if (r.text.trim() === "") return { fraction: 0, unanswered: true };
  const n = readNumber(r.text);
  if (!n) return { fraction: 0 };
  let value = n.value;
  let unitOk = true;
  if (def.units.length > 0) {
    const unit = def.units.find((u) => u.unit === n.unit) ?? def.units.find((u) => u.unit.toLowerCase() === n.unit.toLowerCase());
    if (unit) value = n.value / unit.multiplier;
    else unitOk = false;
  } else if (n.unit !== "") return { fraction: 0 };
  const best = bestOf(def.answers.filter((a) => withinTolerance(value, a.value, a.tolerance, a.toleranceKind)));
  if (!best) return { fraction: 0 };
  return { fraction: best.fraction * (unitOk ? 1 : 1 - def.unitPenalty), feedback: [best.feedback] };
}

function math(def: DefOf<"math">, r: Resp<"math">): Partial {
  if (r.latex.trim() === "") return { fraction: 0, unanswered: true };
  const ok = [def.answer, ...def.alternatives].some((a) => mathEquivalent(a, r.latex, def.tolerance) === "equivalent");
  return { fraction: ok ? 1 : 0 };
}

function matching(def: DefOf<"matching">, r: Resp<"matching">): Partial {
  const given = Object.values(r.matches).filter((v) => v !== "");
  if (given.length === 0) return { fraction: 0, unanswered: true };
  const parts: Record<string, boolean> = {};
  let good = 0;
  for (const p of def.pairs) {
    parts[p.id] = r.matches[p.id] === p.answer;
    if (parts[p.id]) good++;
  }
  return { fraction: good / def.pairs.length, parts };
}

function ordering(def: DefOf<"ordering">, r: Resp<"ordering">): Partial {
  if (r.order.length === 0) return { fraction: 0, unanswered: true };
  const ids = def.items.map((i) => i.id);
  // an order that is not a permutation of the items is malformed
  if (r.order.length !== ids.length || new Set(r.order).size !== ids.length || r.order.some((id) => !ids.includes(id))) return { fraction: 0 };
  const parts: Record<string, boolean> = {};
  let good = 0;
  ids.forEach((id, i) => {
    parts[id] = r.order[i] === id;
    if (parts[id]) good++;
  });
  if (def.grading === "all-or-nothing") return { fraction: good === ids.length ? 1 : 0, parts };
  return { fraction: good / ids.length, parts };
}

function cloze(def: DefOf<"cloze">, r: Resp<"cloze">): Partial {
  const given = def.gaps.filter((g) => (r.gaps[g.id] ?? "").trim() !== "");
  if (given.length === 0) return { fraction: 0, unanswered: true };
  const total = def.gaps.reduce((s, g) => s + g.weight, 0);
  let earned = 0;
  const parts: Record<string, boolean> = {};
  const feedback: string[] = [];
  for (const g of def.gaps) {
    const v = r.gaps[g.id] ?? "";
    const hit =
      g.kind === "select"
        ? g.answers.find((a) => a.text === v)
        : bestOf(g.answers.filter((a) => matchesPattern(a.text, v, { caseSensitive: g.caseSensitive, accentSensitive: true })));
    const f = hit?.fraction ?? 0;
    parts[g.id] = f >= 1;
    earned += f * g.weight;
    if (hit) feedback.push(hit.feedback);
  }
  return { fraction: earned / total, parts, feedback };
}

/** A response earning full marks, for review ("the right answer was…"); null for manual types. */
export function rightAnswer(def: QuestionDefinition): QuestionResponse | null {
  switch (def.type) {
    case "single": {
      const best = bestOf(def.options);
      return { type: "single", optionId: best?.id ?? null };
    }
    case "multiple":
      return { type: "multiple", optionIds: def.options.filter((o) => o.correct).map((o) => o.id) };
    case "truefalse":
      return { type: "truefalse", value: def.correct };
    case "short":
      return { type: "short", text: (bestOf(def.answers)?.pattern ?? "").replace(/\\\*/g, "*") };
    case "numeric": {
      const best = bestOf(def.answers);
      return { type: "numeric", text: best ? `${best.value}${def.units[0] ? ` ${def.units[0].unit}` : ""}` : "" };
    }
    case "math":
      return { type: "math", latex: def.answer };
    case "matching":
      return { type: "matching", matches: Object.fromEntries(def.pairs.map((p) => [p.id, p.answer])) };
    case "ordering":
      return { type: "ordering", order: def.items.map((i) => i.id) };
    case "cloze":
      return { type: "cloze", gaps: Object.fromEntries(def.gaps.map((g) => [g.id, bestOf(g.answers)?.text ?? ""])) };
    case "essay":
    case "file":
      return null;
  }
}
