import { describe, expect, it } from "vitest";
import { builtinScale, computeTotals, formatOnScale, normaliseBands } from "./compute.ts";

describe("gradebook totals", () => {
  const items = [
    { id: "q1", categoryId: "quiz", maxScore: 10 },
    { id: "q2", categoryId: "quiz", maxScore: 10 },
    { id: "q3", categoryId: "quiz", maxScore: 20 },
    { id: "exam", categoryId: "exam", maxScore: 20 },
    { id: "oral", categoryId: null, maxScore: 5 },
  ];
  const cats = [
    { id: "quiz", weight: 1, dropLowest: 1 },
    { id: "exam", weight: 3, dropLowest: 0 },
  ];

  it("drops the lowest grade per category (as a percentage) and weights categories", () => {
    const scores: Record<string, number | null> = { q1: 2, q2: 8, q3: 10, exam: 15, oral: null };
    const r = computeTotals(items, cats, 1, (id) => scores[id]);
    // quiz: q1 (20 %) dropped → (8 + 10) / (10 + 20) = 60 %; exam 75 %; uncategorised: no grade
    expect(r.categories.get("quiz")).toBeCloseTo(60);
    expect(r.categories.get("exam")).toBeCloseTo(75);
    expect(r.categories.get(null)).toBeNull();
    expect(r.total).toBeCloseTo((60 * 1 + 75 * 3) / 4);
  });

  it("keeps at least one grade, counts uncategorised items with their weight, null without any grade", () => {
    const r = computeTotals(items, cats, 2, (id) => ({ q1: 5, oral: 5 })[id] ?? null);
    expect(r.categories.get("quiz")).toBeCloseTo(50);
    expect(r.categories.get(null)).toBeCloseTo(100);
    expect(r.total).toBeCloseTo((50 + 200) / 3);
    expect(computeTotals(items, cats, 1, () => null).total).toBeNull();
    // weight 0 everywhere: no total
    expect(computeTotals(items, [{ id: "quiz", weight: 0, dropLowest: 0 }], 0, () => 3).total).toBeNull();
  });

  it("shows totals on a scale: percent, letters A–F, out of 20", () => {
    expect(formatOnScale(85.56, builtinScale("percent"), "en")).toBe("85.6%");
    expect(formatOnScale(89.99, builtinScale("letters"), "fr")).toBe("B");
    expect(formatOnScale(90, builtinScale("letters"), "fr")).toBe("A");
    expect(formatOnScale(12, builtinScale("letters"), "fr")).toBe("F");
    expect(formatOnScale(72.5, builtinScale("twenty"), "fr")).toBe("14,5/20");
    expect(formatOnScale(null, builtinScale("twenty"), "fr")).toBe("");
  });

  it("checks custom letter bands", () => {
    expect(
      normaliseBands([
        { letter: "Pass", min: 50 },
        { letter: "Fail", min: 0 },
      ]),
    ).toEqual([
      { letter: "Pass", min: 50 },
      { letter: "Fail", min: 0 },
    ]);
    expect(
      normaliseBands([
        { letter: "Pass", min: 50 },
        { letter: "Fail", min: 10 },
      ]),
    ).toBeNull();
    expect(
      normaliseBands([
        { letter: "A", min: 50 },
        { letter: "A", min: 0 },
      ]),
    ).toBeNull();
    expect(normaliseBands([{ letter: "A", min: 0 }])).toBeNull();
  });
});
