import { describe, expect, it } from "vitest";
import { gradeFromFill, maxPoints, RubricDefinition, scoreFill } from "./rubric.ts";

const rubric = RubricDefinition.parse({
  kind: "rubric",
  criteria: [
    {
      id: "c1",
      description: "Clarté",
      levels: [
        { id: "a", points: 0, description: "Confus" },
        { id: "b", points: 2, description: "Clair" },
        { id: "c", points: 4, description: "Limpide" },
      ],
    },
    {
      id: "c2",
      description: "Calculs",
      levels: [
        { id: "a", points: 0, description: "Faux" },
        { id: "b", points: 6, description: "Justes" },
      ],
    },
  ],
});
const guide = RubricDefinition.parse({
  kind: "guide",
  criteria: [
    { id: "g1", title: "Méthode", maxPoints: 5 },
    { id: "g2", title: "Résultat", maxPoints: 5 },
  ],
});

describe("rubrics", () => {
  it("computes the maximum and the points of a complete fill, scaled to the grade", () => {
    expect(maxPoints(rubric)).toBe(10);
    const s = scoreFill(rubric, { c1: { levelId: "b" }, c2: { levelId: "b" } });
    expect(s).toMatchObject({ points: 8, max: 10, complete: true });
    expect(gradeFromFill(rubric, { c1: { levelId: "b" }, c2: { levelId: "b" } }, 20)).toBe(16);
  });
  it("reports missing criteria and unknown levels; an incomplete fill gives no grade", () => {
    const s = scoreFill(rubric, { c1: { levelId: "zz" } });
    expect(s.complete).toBe(false);
    expect(s.problems).toEqual([
      { criterionId: "c1", code: "rubrics.level_unknown" },
      { criterionId: "c2", code: "rubrics.criterion_missing" },
    ]);
    expect(gradeFromFill(rubric, { c1: { levelId: "a" } }, 20)).toBeNull();
  });
  it("marking guide: points up to each maximum", () => {
    expect(scoreFill(guide, { g1: { points: 4.5, remark: "bien" }, g2: { points: 3 } })).toMatchObject({ points: 7.5, max: 10, complete: true });
    expect(scoreFill(guide, { g1: { points: 6 }, g2: { points: 3 } }).problems).toEqual([{ criterionId: "g1", code: "rubrics.points_over" }]);
  });
  it("refuses duplicate criterion or level ids", () => {
    const r = RubricDefinition.safeParse({
      kind: "guide",
      criteria: [
        { id: "x", title: "A", maxPoints: 1 },
        { id: "x", title: "B", maxPoints: 1 },
      ],
    });
    expect(r.success).toBe(false);
  });
});
