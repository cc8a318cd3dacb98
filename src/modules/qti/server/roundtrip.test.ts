import { describe, expect, it } from "vitest";
import { scoreResponse } from "../../questions/server/api.ts";
import { definitionProblems } from "../../questions/server/validate.ts";
import { QuestionDefinition, type QuestionDefinitionInput, type QuestionResponse } from "../../questions/shared/types.ts";
import { exportItem } from "./export-item.ts";
import { readUpload } from "./import-package.ts";
import { patternToRegex, regexToPattern } from "./patterns.ts";

/** Export → import of one question; the imported definition must be valid for the bank. */
function roundTrip(input: QuestionDefinitionInput, points = 2) {
  const def = QuestionDefinition.parse(input);
  const xml = exportItem({ identifier: "Q1", title: "Q", points, definition: def });
  const pkg = readUpload("q.xml", new TextEncoder().encode(xml));
  expect(pkg.items).toHaveLength(1);
  const item = pkg.items[0];
  expect(
    item.interactions.every((i) => i.status === "imported"),
    JSON.stringify(item.interactions),
  ).toBe(true);
  expect(item.questions).toHaveLength(1);
  const back = QuestionDefinition.parse(item.questions[0].definition);
  expect(definitionProblems(back, "")).toEqual({});
  expect(back.type).toBe(def.type);
  expect(item.questions[0].points).toBeCloseTo(points, 9);
  return { def, back, xml, item };
}

function sameScores(input: QuestionDefinitionInput, responses: (QuestionResponse | null)[], mapResponse: (r: QuestionResponse) => QuestionResponse = (r) => r) {
  const { def, back } = roundTrip(input);
  for (const r of responses) {
    const before = scoreResponse(def, r);
    const after = scoreResponse(back, r === null ? null : mapResponse(r));
    expect(after.fraction ?? -1, JSON.stringify(r)).toBeCloseTo(before.fraction ?? -1, 9);
    expect(after.state, JSON.stringify(r)).toBe(before.state);
  }
  return back;
}

const stem = "A question with \\(x^2\\) maths";

describe("QTI 3.0 round trip: export → import → same scores", () => {
  it("single choice with partial credit", () => {
    const back = sameScores(
      {
        type: "single",
        stem,
        options: [
          { id: "a", text: "Paris", fraction: 1 },
          { id: "b", text: "Lyon", fraction: 0.5 },
          { id: "c", text: "Nice", fraction: 0 },
        ],
      },
      [{ type: "single", optionId: "a" }, { type: "single", optionId: "b" }, { type: "single", optionId: "c" }, { type: "single", optionId: null }, null],
    );
    expect(back.stem).toBe(stem);
  });

  it("overall feedback (general, right, partly right, wrong) goes through as modal feedback", () => {
    const input: QuestionDefinitionInput = {
      type: "multiple",
      stem,
      generalFeedback: "Water is H₂O.",
      correctFeedback: "Well done.",
      partialFeedback: "Almost.",
      incorrectFeedback: "Not quite.",
      options: [
        { id: "h", text: "Hydrogen", correct: true },
        { id: "o", text: "Oxygen", correct: true },
        { id: "c", text: "Carbon", correct: false },
      ],
    };
    const back = sameScores(input, [
      { type: "multiple", optionIds: ["h", "o"] },
      { type: "multiple", optionIds: ["h"] },
      { type: "multiple", optionIds: ["c"] },
    ]);
    expect([back.generalFeedback, back.correctFeedback, back.partialFeedback, back.incorrectFeedback]).toEqual([
      "Water is H₂O.",
      "Well done.",
      "Almost.",
      "Not quite.",
    ]);
    expect(scoreResponse(back, { type: "multiple", optionIds: ["h"] }).feedback).toEqual(["Almost.", "Water is H₂O."]);
    const aon = roundTrip({ ...input, grading: "all-or-nothing" }, 3);
    expect(aon.item.notes).toEqual([]);
    expect(aon.back.correctFeedback).toBe("Well done.");
  });

  it("true/false", () => {
    sameScores({ type: "truefalse", stem, correct: false }, [
      { type: "truefalse", value: true },
      { type: "truefalse", value: false },
      { type: "truefalse", value: null },
    ]);
  });

  it("multiple choice: partial with default and explicit penalty, all-or-nothing", () => {
    const options = [
      { id: "h", text: "Hydrogen", correct: true },
      { id: "o", text: "Oxygen", correct: true },
      { id: "c", text: "Carbon", correct: false },
      { id: "n", text: "Nitrogen", correct: false },
    ];
    const rs: QuestionResponse[] = [
      { type: "multiple", optionIds: ["h", "o"] },
      { type: "multiple", optionIds: ["h"] },
      { type: "multiple", optionIds: ["h", "c"] },
      { type: "multiple", optionIds: ["h", "o", "c"] },
      { type: "multiple", optionIds: ["c", "n"] },
      { type: "multiple", optionIds: [] },
    ];
    sameScores({ type: "multiple", stem, options }, rs);
    sameScores({ type: "multiple", stem, options, wrongPenalty: 0.25 }, rs);
    sameScores({ type: "multiple", stem, options, grading: "all-or-nothing" }, rs);
  });

  it("short answer: wildcards, case and accent options", () => {
    const rs = ["Élysée", "elysee", "ELYSÉE", "palais de l'Élysée", "Louvre", "  élysée  ", "a*b", "axxb"].map((text) => ({ type: "short" as const, text }));
    for (const caseSensitive of [true, false])
      for (const accentSensitive of [true, false])
        sameScores(
          {
            type: "short",
            stem,
            caseSensitive,
            accentSensitive,
            answers: [
              { pattern: "Élysée", fraction: 1 },
              { pattern: "*Élysée*", fraction: 0.5 },
              { pattern: "a\\*b", fraction: 0.25 },
            ],
          },
          rs,
        );
  });

  it("numeric: absolute and relative tolerance, several answers", () => {
    sameScores(
      {
        type: "numeric",
        stem,
        answers: [
          { value: 9.81, tolerance: 0.01, fraction: 1 },
          { value: 10, tolerance: 0.05, toleranceKind: "relative", fraction: 0.5 },
        ],
      },
      ["9.81", "9,805", "9.7", "10.4", "10.6", "abc", ""].map((text) => ({ type: "numeric" as const, text })),
    );
  });

  it("maths answer by algebraic equivalence (custom operator)", () => {
    const back = sameScores(
      { type: "math", stem, answer: "(x+1)^2", alternatives: ["x^2+2x+1"] },
      ["x^2+2x+1", "(1+x)^2", "x^2+1", ""].map((latex) => ({ type: "math" as const, latex })),
    );
    expect(back.type === "math" && back.alternatives).toEqual(["x^2+2x+1"]);
  });

  it("matching with a distractor", () => {
    const back = sameScores(
      {
        type: "matching",
        stem,
        pairs: [
          { id: "p1", prompt: "France", answer: "Paris" },
          { id: "p2", prompt: "Italy", answer: "Rome" },
          { id: "p3", prompt: "Vatican", answer: "Rome" },
        ],
        extraAnswers: ["Madrid"],
      },
      [
        { type: "matching", matches: { p1: "Paris", p2: "Rome", p3: "Rome" } },
        { type: "matching", matches: { p1: "Rome", p2: "Rome", p3: "Madrid" } },
        { type: "matching", matches: {} },
      ],
    );
    expect(back.type === "matching" && back.extraAnswers).toEqual(["Madrid"]);
  });

  it("ordering, partial and all-or-nothing", () => {
    const items = [
      { id: "k3", text: "Mercury" },
      { id: "k1", text: "Venus" },
      { id: "k2", text: "Earth" },
      { id: "k4", text: "Mars" },
    ];
    const rs: QuestionResponse[] = [
      { type: "ordering", order: ["k3", "k1", "k2", "k4"] },
      { type: "ordering", order: ["k1", "k3", "k2", "k4"] },
      { type: "ordering", order: ["k4", "k2", "k1", "k3"] },
      { type: "ordering", order: [] },
    ];
    sameScores({ type: "ordering", stem, items }, rs);
    sameScores({ type: "ordering", stem, items, grading: "all-or-nothing" }, rs);
  });

  it("cloze with typed and drop-down gaps of different weights", () => {
    const def: QuestionDefinitionInput = {
      type: "cloze",
      stem: "Fill in the gaps",
      text: "The capital of France is [[g1]] and it lies on the [[g2]].\n\nIts river flows into the [[g3]] sea.",
      gaps: [
        {
          id: "g1",
          kind: "typed",
          answers: [
            { text: "Paris", fraction: 1 },
            { text: "Par*", fraction: 0.5 },
          ],
          weight: 2,
        },
        {
          id: "g2",
          kind: "select",
          answers: [
            { text: "Seine", fraction: 1 },
            { text: "Loire", fraction: 0.25 },
            { text: "Rhône", fraction: 0 },
          ],
        },
        { id: "g3", kind: "typed", caseSensitive: true, answers: [{ text: "English Channel", fraction: 1 }] },
      ],
    };
    const ids: Record<string, string> = { g1: "RESPONSE_1", g2: "RESPONSE_2", g3: "RESPONSE_3" };
    const map = (r: QuestionResponse): QuestionResponse =>
      r.type === "cloze" ? { type: "cloze", gaps: Object.fromEntries(Object.entries(r.gaps).map(([k, v]) => [ids[k], v])) } : r;
    const back = sameScores(
      def,
      [
        { type: "cloze", gaps: { g1: "Paris", g2: "Seine", g3: "English Channel" } },
        { type: "cloze", gaps: { g1: "parisss", g2: "Loire", g3: "english channel" } },
        { type: "cloze", gaps: { g1: "Lyon", g2: "Rhône", g3: "" } },
        { type: "cloze", gaps: {} },
      ],
      map,
    );
    expect(back.type === "cloze" && back.text).toBe(
      "The capital of France is [[RESPONSE_1]] and it lies on the [[RESPONSE_2]].\n\nIts river flows into the [[RESPONSE_3]] sea.",
    );
    expect(back.stem).toBe("Fill in the gaps");
  });

  it("essay and file: imported as questions graded by a person", () => {
    const essay = roundTrip({ type: "essay", stem, maxWords: 200 });
    expect(
      scoreResponse(essay.back, { type: "essay", doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "My essay" }] }] } })
        .fraction,
    ).toBeNull();
    const file = roundTrip({ type: "file", stem, accept: ["pdf"] });
    expect(file.back.type === "file" && file.back.accept).toEqual(["pdf"]);
    expect(file.xml).toContain("<qti-upload-interaction");
  });

  it("ids that are not QTI identifiers are made valid", () => {
    const { xml, back } = roundTrip({
      type: "single",
      stem,
      options: [
        { id: "-9x", text: "A", fraction: 1 },
        { id: "2b", text: "B", fraction: 0 },
      ],
    });
    expect(xml).toContain('identifier="ID_-9x"');
    expect(back.type === "single" && back.options.map((o) => o.id)).toEqual(["ID_-9x", "ID_2b"]);
  });
});

describe("short-answer patterns as QTI regular expressions", () => {
  it("round-trips patterns and options; refuses regular expressions it did not write", () => {
    for (const [p, c, a] of [
      ["Élysée", false, false],
      ["a*b c", true, true],
      ["x\\*2", false, true],
      ["Ünïcode", true, false],
    ] as const) {
      const back = regexToPattern(patternToRegex(p, c, a));
      expect(back?.pattern).toBe(p);
      expect(back?.caseSensitive).toBe(c);
      expect(back?.accentSensitive).toBe(a);
    }
    expect(regexToPattern("(a|b)+")).toBeNull();
    expect(regexToPattern("[a-z]+")).toBeNull();
  });
});

describe("QTI 2.1 items written by other tools", () => {
  const item = (body: string, decls: string, rp: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="i21" title="Old item" adaptive="false" timeDependent="false">${decls}<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/><itemBody>${body}</itemBody>${rp}</assessmentItem>`;
  const read = (xml: string) => readUpload("old.xml", new TextEncoder().encode(xml)).items[0];

  it("reads a 2.1 choice with match_correct", () => {
    const i = read(
      item(
        `<choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><prompt>Pick B</prompt><simpleChoice identifier="A">A</simpleChoice><simpleChoice identifier="B">B</simpleChoice></choiceInteraction>`,
        `<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"><correctResponse><value>B</value></correctResponse></responseDeclaration>`,
        `<responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>`,
      ),
    );
    expect(i.version).toBe("2.1");
    const def = QuestionDefinition.parse(i.questions[0].definition);
    expect(def.type).toBe("single");
    expect(scoreResponse(def, { type: "single", optionId: "B" }).fraction).toBe(1);
    expect(scoreResponse(def, { type: "single", optionId: "A" }).fraction).toBe(0);
  });

  it("keeps stringMatch answers, reports a regular expression it cannot turn into a pattern", () => {
    const i = read(
      item(
        `<p>Capital of Italy?</p><p><textEntryInteraction responseIdentifier="R"/></p>`,
        `<responseDeclaration identifier="R" cardinality="single" baseType="string"/>`,
        `<responseProcessing><responseCondition><responseIf><stringMatch caseSensitive="false"><variable identifier="R"/><baseValue baseType="string">Rome</baseValue></stringMatch><setOutcomeValue identifier="SCORE"><baseValue baseType="float">2</baseValue></setOutcomeValue></responseIf><responseElseIf><patternMatch pattern="Ro(ma|me)+"><variable identifier="R"/></patternMatch><setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue></setOutcomeValue></responseElseIf></responseCondition></responseProcessing>`,
      ),
    );
    expect(i.interactions[0].status).toBe("imported");
    expect(i.interactions[0].notes.map((n) => n.code)).toEqual(["pattern_left_out"]);
    const def = QuestionDefinition.parse(i.questions[0].definition);
    expect(def.type).toBe("short");
    expect(i.questions[0].points).toBe(2);
    expect(scoreResponse(def, { type: "short", text: "ROME" }).fraction).toBe(1);
  });

  it("an unknown way of setting SCORE is reported on the item", () => {
    const i = read(
      item(
        `<choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><simpleChoice identifier="A">A</simpleChoice><simpleChoice identifier="B">B</simpleChoice></choiceInteraction>`,
        `<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"><correctResponse><value>A</value></correctResponse></responseDeclaration>`,
        `<responseProcessing><setOutcomeValue identifier="SCORE"><product><baseValue baseType="float">2</baseValue><baseValue baseType="float">3</baseValue></product></setOutcomeValue></responseProcessing>`,
      ),
    );
    expect(i.notes.map((n) => n.code)).toContain("rp_unknown");
    expect(QuestionDefinition.parse(i.questions[0].definition).type).toBe("single");
  });
});
