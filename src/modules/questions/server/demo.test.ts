import { describe, expect, it } from "vitest";
import { MANUAL_TYPES, QUESTION_TYPES, QuestionDefinition } from "../shared/types.ts";
import { DEMO_QUESTIONS } from "./demo.ts";
import { toPublic } from "./public.ts";
import { rightAnswer, scoreResponse } from "./scoring/index.ts";
import { definitionProblems } from "./validate.ts";

describe("demo questions", () => {
  it("cover every type, are valid, and their right answer earns full marks", () => {
    expect(new Set(DEMO_QUESTIONS.map((q) => q.definition.type))).toEqual(new Set(QUESTION_TYPES));
    for (const q of DEMO_QUESTIONS) {
      const d = QuestionDefinition.parse(q.definition);
      expect(definitionProblems(d), q.name).toEqual({});
      const r = scoreResponse(d, rightAnswer(d));
      if (MANUAL_TYPES.includes(d.type)) expect(r.fraction).toBeNull();
      else expect(r, q.name).toMatchObject({ fraction: 1, state: "correct" });
      expect(toPublic({ id: "v", questionId: "q", version: 1, type: d.type, points: q.points, definition: d }, "s").type).toBe(d.type);
    }
  });
});
