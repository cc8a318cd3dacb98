import { describe, expect, it } from "vitest";
import { QuestionDefinition } from "../../shared/types.ts";
import { scoreResponse } from "../scoring/index.ts";
import { parseGift } from "./gift.ts";

const one = (text: string) => {
  const [p, ...rest] = parseGift(text);
  expect(rest).toEqual([]);
  return p;
};

describe("GIFT", () => {
  it("reads escapes, names, formats, feedback and general feedback", () => {
    const p = one("::Échappements::[html]<p>Que vaut 1 \\= 1 \\{vrai\\} ?</p>{=oui \\= oui#Bien ~non#Non ####Le signe \\= compare.}");
    expect(p.name).toBe("Échappements");
    expect(p.problems).toEqual([]);
    const d = QuestionDefinition.parse(p.definition);
    expect(d).toMatchObject({ type: "single", stem: "Que vaut 1 = 1 {vrai} ?", generalFeedback: "Le signe = compare." });
    if (d.type !== "single") throw new Error();
    expect(d.options.map((o) => [o.text, o.fraction, o.feedback])).toEqual([
      ["oui = oui", 1, "Bien"],
      ["non", 0, "Non"],
    ]);
  });
  it("skips comments and category lines, and keeps each question's first line", () => {
    const ps = parseGift("// un commentaire\n$CATEGORY: $course$/Chap 1\n\nA ? {T}\n\n\n// encore\nB ?\n{\n=x\n~y\n}\n");
    expect(ps.map((p) => [p.line, p.definition?.type])).toEqual([
      [4, "truefalse"],
      [8, "single"],
    ]);
  });
  it("reads numeric answers: tolerance, range, several answers with weights", () => {
    const a = QuestionDefinition.parse(one("Pi ? {#3.14:0.01}").definition);
    expect(a).toMatchObject({ type: "numeric", answers: [{ value: 3.14, tolerance: 0.01, fraction: 1 }] });
    const b = QuestionDefinition.parse(one("Entre 1 et 5 ? {#1..5}").definition);
    expect(scoreResponse(b, { type: "numeric", text: "4.9" }).fraction).toBe(1);
    expect(scoreResponse(b, { type: "numeric", text: "5.1" }).fraction).toBe(0);
    const c = QuestionDefinition.parse(one("Pi ? {# =3.1416:0.0001#Précis =%50%3.14:0.01#Arrondi}").definition);
    expect(scoreResponse(c, { type: "numeric", text: "3,14" })).toMatchObject({ fraction: 0.5, feedback: ["Arrondi"] });
  });
  it("turns text after the answers into a fill-in-the-blank question", () => {
    const d = QuestionDefinition.parse(one("Le chat {=dort ~mange} sur le canapé.").definition);
    expect(d).toMatchObject({ type: "cloze", text: "Le chat [[g1]] sur le canapé." });
    expect(scoreResponse(d, { type: "cloze", gaps: { g1: "dort" } }).fraction).toBe(1);
  });
  it("reads matching with distractors, short answers with partial credit, essays, and the extensions", () => {
    const m = QuestionDefinition.parse(one("Associez {=a -> 1 =b -> 2 = -> 3}").definition);
    expect(m).toMatchObject({ type: "matching", extraAnswers: ["3"] });
    expect(one("Écrivez. {}").definition).toMatchObject({ type: "essay" });
    expect(one("Déposez. {FILE}").definition).toMatchObject({ type: "file" });
    expect(one("Développez. {MATH: (x+1)^2}").definition).toMatchObject({ type: "math", answer: "(x+1)^2" });
    const o = one("Rangez. {ORDER: un | deux | trois}").definition;
    expect(o).toMatchObject({ type: "ordering" });
    // ids are random strings, never positions that would give the order away
    const ids = (o as { items: { id: string }[] }).items.map((i) => i.id);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[\w-]{8}$/);
  });
  it("names the line of each problem", () => {
    expect(one("Q {=a ~b").problems).toEqual([{ line: 1, level: "error", code: "gift_unclosed", params: undefined }]);
    expect(one("Sans accolades").problems[0]).toMatchObject({ code: "gift_no_answers", line: 1 });
    expect(one("Q {=a =b ~c}").problems[0]).toMatchObject({ code: "gift_many_right" });
    expect(one("Q {\n=a\n~%150%b\n}").problems[0]).toMatchObject({ code: "gift_bad_weight", line: 3 });
    expect(one("Q {=a} et {=b}").problems[0]).toMatchObject({ code: "gift_two_blocks" });
    expect(one("Q {TRUE blah}").problems[0]).toMatchObject({ code: "gift_bad_truefalse" });
    expect(one("Q {~%50%a ~%25%b ~c}").problems[0]).toMatchObject({ code: "gift_equal_weights", level: "warning" });
  });
});
