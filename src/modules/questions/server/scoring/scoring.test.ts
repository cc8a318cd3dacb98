import { describe, expect, it } from "vitest";
import { QuestionDefinition, type QuestionDefinitionInput } from "../../shared/types.ts";
import { toPublic } from "../public.ts";
import { definitionProblems } from "../validate.ts";
import { rightAnswer, scoreResponse } from "./index.ts";
import { mathEquivalent } from "./math.ts";
import { readNumber } from "./numeric.ts";
import { matchesPattern } from "./text.ts";

const def = (d: QuestionDefinitionInput) => QuestionDefinition.parse(d);
const fr = (d: QuestionDefinition, r: unknown) => scoreResponse(d, r).fraction;

const single = def({
  type: "single",
  stem: "Capitale de la France ?",
  options: [
    { id: "p", text: "Paris", fraction: 1, feedback: "Oui" },
    { id: "l", text: "Lyon", fraction: 0, feedback: "Non, c'est Paris" },
    { id: "v", text: "Versailles", fraction: 0.5 },
  ],
  generalFeedback: "Paris est la capitale depuis…",
  correctFeedback: "Bravo",
  incorrectFeedback: "Dommage",
});

describe("single choice", () => {
  it("scores the picked option, with its feedback, the outcome's and the general one", () => {
    const r = scoreResponse(single, { type: "single", optionId: "p" });
    expect(r).toMatchObject({ fraction: 1, state: "correct", feedback: ["Oui", "Bravo", "Paris est la capitale depuis…"] });
    expect(fr(single, { type: "single", optionId: "l" })).toBe(0);
    expect(scoreResponse(single, { type: "single", optionId: "v" }).state).toBe("partial");
    expect(scoreResponse(single, { type: "single", optionId: "l" }).feedback).toEqual(["Non, c'est Paris", "Dommage", "Paris est la capitale depuis…"]);
  });
  it("gives 0 for no answer, an unknown option, another type or garbage, without throwing", () => {
    expect(scoreResponse(single, null).state).toBe("unanswered");
    expect(scoreResponse(single, { type: "single", optionId: null }).state).toBe("unanswered");
    expect(scoreResponse(single, { type: "single", optionId: "zz" })).toMatchObject({ fraction: 0, state: "incorrect" });
    for (const bad of [
      42,
      "p",
      { type: "multiple", optionIds: ["p"] },
      { type: "single" },
      { type: "single", optionId: 3 },
      [],
      { __proto__: { type: "single" } },
    ]) {
      expect(scoreResponse(single, bad)).toMatchObject({ fraction: 0, state: "invalid" });
    }
  });
  it("knows the right answer for review", () => {
    expect(rightAnswer(single)).toEqual({ type: "single", optionId: "p" });
  });
});

describe("multiple choice", () => {
  const m = def({
    type: "multiple",
    stem: "Nombres premiers ?",
    options: [
      { id: "a", text: "2", correct: true },
      { id: "b", text: "3", correct: true },
      { id: "c", text: "4", correct: false, feedback: "4 = 2×2" },
      { id: "d", text: "9", correct: false },
    ],
  });
  it("gives partial credit and takes a penalty for each wrong pick, never below 0", () => {
    expect(fr(m, { type: "multiple", optionIds: ["a", "b"] })).toBe(1);
    expect(fr(m, { type: "multiple", optionIds: ["a"] })).toBe(0.5);
    expect(fr(m, { type: "multiple", optionIds: ["a", "b", "c"] })).toBe(0.5);
    expect(fr(m, { type: "multiple", optionIds: ["a", "c"] })).toBe(0);
    expect(fr(m, { type: "multiple", optionIds: ["c", "d"] })).toBe(0);
    expect(fr(m, { type: "multiple", optionIds: ["a", "b", "c", "d"] })).toBe(0);
    const r = scoreResponse(m, { type: "multiple", optionIds: ["b", "c"] });
    expect(r.parts).toEqual({ b: true, c: false });
    expect(r.feedback).toContain("4 = 2×2");
  });
  it("uses the author's penalty, and all-or-nothing when asked", () => {
    const soft = def({ ...m, wrongPenalty: 0.25 } as QuestionDefinitionInput);
    expect(fr(soft, { type: "multiple", optionIds: ["a", "b", "c"] })).toBe(0.75);
    const strict = def({ ...m, grading: "all-or-nothing" } as QuestionDefinitionInput);
    expect(fr(strict, { type: "multiple", optionIds: ["a"] })).toBe(0);
    expect(fr(strict, { type: "multiple", optionIds: ["b", "a"] })).toBe(1);
  });
  it("ignores duplicated and unknown ids", () => {
    expect(fr(m, { type: "multiple", optionIds: ["a", "a", "a"] })).toBe(0.5);
    expect(fr(m, { type: "multiple", optionIds: ["zz", "a", "b"] })).toBe(1);
    expect(scoreResponse(m, { type: "multiple", optionIds: [] }).state).toBe("unanswered");
    expect(scoreResponse(m, { type: "multiple", optionIds: "a" }).state).toBe("invalid");
  });
});

describe("true/false", () => {
  const t = def({ type: "truefalse", stem: "La Terre est ronde.", correct: true, falseFeedback: "Mais si !" });
  it("scores and gives the feedback of the picked value", () => {
    expect(fr(t, { type: "truefalse", value: true })).toBe(1);
    expect(scoreResponse(t, { type: "truefalse", value: false })).toMatchObject({ fraction: 0, feedback: ["Mais si !"] });
    expect(scoreResponse(t, { type: "truefalse", value: null }).state).toBe("unanswered");
    expect(scoreResponse(t, { type: "truefalse", value: "true" }).state).toBe("invalid");
  });
});

describe("short answer", () => {
  const s = def({
    type: "short",
    stem: "Qui a écrit Les Misérables ?",
    answers: [
      { pattern: "Victor Hugo", fraction: 1 },
      { pattern: "*Hugo", fraction: 0.8, feedback: "Son prénom ?" },
    ],
    accentSensitive: false,
  });
  it("matches patterns with wildcards, ignoring case, spaces and (when asked) accents", () => {
    expect(fr(s, { type: "short", text: "  victor   HUGO " })).toBe(1);
    expect(scoreResponse(s, { type: "short", text: "V. Hugo" })).toMatchObject({ fraction: 0.8, feedback: ["Son prénom ?"] });
    expect(fr(s, { type: "short", text: "Hugo Victor" })).toBe(0);
    expect(fr(s, { type: "short", text: "Hugö" })).toBe(0.8);
    expect(scoreResponse(s, { type: "short", text: "  " }).state).toBe("unanswered");
  });
  it("respects case and accents when asked", () => {
    const strict = def({ type: "short", stem: "?", answers: [{ pattern: "Élève", fraction: 1 }], caseSensitive: true, accentSensitive: true });
    expect(fr(strict, { type: "short", text: "Élève" })).toBe(1);
    expect(fr(strict, { type: "short", text: "élève" })).toBe(0);
    expect(fr(strict, { type: "short", text: "Eleve" })).toBe(0);
    // composed and decomposed accents are the same text
    expect(fr(strict, { type: "short", text: "E\u0301le\u0300ve" })).toBe(1);
  });
  it("treats regex characters literally and \\* as a star", () => {
    expect(matchesPattern("a.b", "axb", { caseSensitive: false, accentSensitive: true })).toBe(false);
    expect(matchesPattern("2\\*3", "2*3", { caseSensitive: false, accentSensitive: true })).toBe(true);
    expect(matchesPattern("2\\*3", "2x3", { caseSensitive: false, accentSensitive: true })).toBe(false);
    expect(matchesPattern("(x)", "(x)", { caseSensitive: false, accentSensitive: true })).toBe(true);
  });
});

describe("numeric", () => {
  const n = def({
    type: "numeric",
    stem: "Longueur ?",
    answers: [
      { value: 1.5, tolerance: 0.01, fraction: 1 },
      { value: 1.5, tolerance: 0.1, fraction: 0.5 },
    ],
    units: [
      { unit: "m", multiplier: 1 },
      { unit: "cm", multiplier: 100 },
    ],
    unitPenalty: 0.2,
  });
  it("accepts values within tolerance, in any listed unit, with comma or point", () => {
    expect(fr(n, { type: "numeric", text: "1.5 m" })).toBe(1);
    expect(fr(n, { type: "numeric", text: "1,505m" })).toBe(1);
    expect(fr(n, { type: "numeric", text: "150 cm" })).toBe(1);
    expect(fr(n, { type: "numeric", text: "1.55 m" })).toBe(0.5);
    expect(fr(n, { type: "numeric", text: "2 m" })).toBe(0);
  });
  it("takes the unit penalty when the unit is missing or unknown", () => {
    expect(fr(n, { type: "numeric", text: "1.5" })).toBeCloseTo(0.8);
    expect(fr(n, { type: "numeric", text: "1.5 furlongs" })).toBeCloseTo(0.8);
  });
  it("handles relative tolerance, exponents and garbage", () => {
    const r = def({ type: "numeric", stem: "c ?", answers: [{ value: 3e8, tolerance: 0.01, toleranceKind: "relative", fraction: 1 }] });
    expect(fr(r, { type: "numeric", text: "2.99e8" })).toBe(1);
    expect(fr(r, { type: "numeric", text: "299 792 458" })).toBe(1);
    expect(fr(r, { type: "numeric", text: "2.9e8" })).toBe(0);
    expect(fr(r, { type: "numeric", text: "3e8 m/s" })).toBe(0);
    expect(fr(r, { type: "numeric", text: "abc" })).toBe(0);
    expect(fr(r, { type: "numeric", text: "1e999" })).toBe(0);
    expect(readNumber("−2,5")).toEqual({ value: -2.5, unit: "" });
    expect(readNumber(".")).toBeNull();
  });
});

describe("maths by algebraic equivalence", () => {
  it("accepts equivalent forms and refuses different ones", () => {
    expect(mathEquivalent("2(x+1)", "2x+2")).toBe("equivalent");
    expect(mathEquivalent("(x+1)^2", "x^2+2x+1")).toBe("equivalent");
    expect(mathEquivalent("\\frac{x^2-1}{x-1}", "x+1")).toBe("equivalent");
    expect(mathEquivalent("\\sin^2(x)+\\cos^2(x)", "1")).toBe("equivalent");
    expect(mathEquivalent("\\frac{1}{2}", "0.5")).toBe("equivalent");
    expect(mathEquivalent("x y", "yx")).toBe("equivalent");
    expect(mathEquivalent("2x+2", "2x+3")).toBe("different");
    expect(mathEquivalent("x^2", "2x")).toBe("different");
    expect(mathEquivalent("\\sqrt{x^2}", "x")).toBe("different");
    expect(mathEquivalent("x+1", "y+1")).toBe("different");
    expect(mathEquivalent("x", "x+")).toBe("invalid");
    expect(mathEquivalent("\\pi", "3.14159265358979")).toBe("equivalent");
    expect(mathEquivalent("e^{\\ln(x)}", "x")).toBe("different");
  });
  it("refuses expected answers without a value, and never throws on odd input", () => {
    for (const answer of ["x=2", "\\frac{1}{0}", "\\sin", "\\begin{matrix}1\\end{matrix}"]) {
      const d = def({ type: "math", stem: "?", answer });
      expect(Object.keys(definitionProblems(d)), answer).toEqual(["definition.answer"]);
      expect(() => scoreResponse(d, { type: "math", latex: answer })).not.toThrow();
    }
    for (const latex of ["x=2", "f(x)", "\\sqrt{", "x^{x^{x^{x}}}", "\\int_0^1 x dx", "\\sum_{i=1}^{3} i"]) {
      expect(() => mathEquivalent("x", latex), latex).not.toThrow();
    }
  });
  it("scores a maths question and never throws on garbage", () => {
    const q = def({ type: "math", stem: "Développer 2(x+1)", answer: "2x+2", alternatives: ["2+2x"] });
    expect(fr(q, { type: "math", latex: "2\\left(x+1\\right)" })).toBe(1);
    expect(fr(q, { type: "math", latex: "2x+1" })).toBe(0);
    expect(fr(q, { type: "math", latex: "\\frac{" })).toBe(0);
    expect(fr(q, { type: "math", latex: "}}}\\\\" })).toBe(0);
    expect(scoreResponse(q, { type: "math", latex: "" }).state).toBe("unanswered");
  });
});

describe("matching", () => {
  const m = def({
    type: "matching",
    stem: "Associez",
    pairs: [
      { id: "fr", prompt: "France", answer: "Paris" },
      { id: "de", prompt: "Allemagne", answer: "Berlin" },
      { id: "it", prompt: "Italie", answer: "Rome" },
    ],
    extraAnswers: ["Madrid"],
  });
  it("gives the share of right pairs", () => {
    expect(fr(m, { type: "matching", matches: { fr: "Paris", de: "Berlin", it: "Rome" } })).toBe(1);
    const r = scoreResponse(m, { type: "matching", matches: { fr: "Paris", de: "Madrid" } });
    expect(r.fraction).toBeCloseTo(1 / 3);
    expect(r.parts).toEqual({ fr: true, de: false, it: false });
    expect(scoreResponse(m, { type: "matching", matches: {} }).state).toBe("unanswered");
    expect(scoreResponse(m, { type: "matching", matches: { fr: 1 } }).state).toBe("invalid");
  });
  it("offers every answer and the distractors, without pair ids", () => {
    const p = toPublic({ id: "v", questionId: "q", version: 1, type: "matching", points: 1, definition: m }, "seed");
    if (p.type !== "matching") throw new Error();
    expect([...p.answers].sort()).toEqual(["Berlin", "Madrid", "Paris", "Rome"]);
    expect(JSON.stringify(p)).not.toContain('answer"');
  });
});

describe("ordering", () => {
  const o = def({
    type: "ordering",
    stem: "Dans l'ordre",
    items: [
      { id: "k3", text: "un" },
      { id: "a9", text: "deux" },
      { id: "x1", text: "trois" },
      { id: "m2", text: "quatre" },
    ],
  });
  it("gives the share of items at their place, or all-or-nothing", () => {
    expect(fr(o, { type: "ordering", order: ["k3", "a9", "x1", "m2"] })).toBe(1);
    expect(fr(o, { type: "ordering", order: ["k3", "a9", "m2", "x1"] })).toBe(0.5);
    expect(fr(def({ ...o, grading: "all-or-nothing" } as QuestionDefinitionInput), { type: "ordering", order: ["k3", "a9", "m2", "x1"] })).toBe(0);
  });
  it("refuses an order that is not a permutation of the items", () => {
    expect(fr(o, { type: "ordering", order: ["k3", "k3", "k3", "k3"] })).toBe(0);
    expect(fr(o, { type: "ordering", order: ["k3", "a9", "x1"] })).toBe(0);
    expect(fr(o, { type: "ordering", order: ["k3", "a9", "x1", "m2", "zz"] })).toBe(0);
    expect(scoreResponse(o, { type: "ordering", order: [] }).state).toBe("unanswered");
  });
  it("never shows the items in the right order, and shuffles the same way for the same seed", () => {
    const v = { id: "v", questionId: "q", version: 1, type: "ordering" as const, points: 1, definition: o };
    for (const seed of ["a", "b", "c", "d", "e", "f"]) {
      const p = toPublic(v, seed);
      if (p.type !== "ordering") throw new Error();
      expect(p.items.map((i) => i.id)).not.toEqual(["k3", "a9", "x1", "m2"]);
      expect(toPublic(v, seed)).toEqual(p);
    }
  });
});

describe("cloze", () => {
  const c = def({
    type: "cloze",
    stem: "Complétez",
    text: "Le chat [[g1]] sur le [[g2]].",
    gaps: [
      {
        id: "g1",
        kind: "typed",
        answers: [
          { text: "dort", fraction: 1 },
          { text: "dor*", fraction: 0.5, feedback: "Orthographe" },
        ],
      },
      {
        id: "g2",
        kind: "select",
        answers: [
          { text: "canapé", fraction: 1 },
          { text: "plafond", fraction: 0 },
        ],
        weight: 3,
      },
    ],
  });
  it("weights the gaps and matches typed gaps with patterns", () => {
    expect(fr(c, { type: "cloze", gaps: { g1: "Dort", g2: "canapé" } })).toBe(1);
    expect(fr(c, { type: "cloze", gaps: { g1: "dors", g2: "canapé" } })).toBeCloseTo((0.5 + 3) / 4);
    expect(fr(c, { type: "cloze", gaps: { g1: "dort", g2: "plafond" } })).toBeCloseTo(1 / 4);
    expect(fr(c, { type: "cloze", gaps: { g1: "dort", g2: "n'importe" } })).toBeCloseTo(1 / 4);
    expect(scoreResponse(c, { type: "cloze", gaps: {} }).state).toBe("unanswered");
  });
  it("cuts the text at its gaps for the learner, with the options of drop-downs", () => {
    const p = toPublic({ id: "v", questionId: "q", version: 1, type: "cloze", points: 1, definition: c }, 1);
    if (p.type !== "cloze") throw new Error();
    expect(p.parts.map((x) => ("text" in x ? x.text : `<${x.gap}>`)).join("")).toBe("Le chat <g1> sur le <g2>.");
    expect(p.parts.find((x) => "gap" in x && x.gap === "g1")).toMatchObject({ kind: "typed", options: [] });
    expect(JSON.stringify(p)).not.toContain("fraction");
  });
});

describe("manual types", () => {
  it("leaves essays and files to a person (null), and rejects a malformed essay", () => {
    const e = def({ type: "essay", stem: "Racontez" });
    expect(
      scoreResponse(e, { type: "essay", doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Il était une fois" }] }] } }),
    ).toMatchObject({
      fraction: null,
      state: "manual",
    });
    expect(scoreResponse(e, null)).toMatchObject({ fraction: null, state: "unanswered" });
    expect(scoreResponse(e, { type: "essay", doc: { type: "doc", content: [{ type: "script" }] } }).state).toBe("invalid");
    const f = def({ type: "file", stem: "Déposez", accept: ["PDF"] });
    expect(f.type === "file" && f.accept).toEqual(["pdf"]);
    expect(scoreResponse(f, { type: "file", fileIds: ["0190f1d2-7c4e-7a3b-8c9d-0123456789ab"] }).fraction).toBeNull();
    expect(scoreResponse(f, { type: "file", fileIds: ["not-a-uuid"] }).state).toBe("invalid");
  });
});

describe("public view", () => {
  it("never carries fractions, correctness or feedback", () => {
    for (const d of [
      single,
      def({
        type: "multiple",
        stem: "?",
        options: [
          { id: "a", text: "A", correct: true, feedback: "secret" },
          { id: "b", text: "B", correct: false },
        ],
      }),
    ]) {
      const s = JSON.stringify(toPublic({ id: "v", questionId: "q", version: 1, type: d.type, points: 1, definition: d }, "x"));
      expect(s).not.toMatch(/fraction|correct|feedback|secret|Bravo/);
    }
  });
});
