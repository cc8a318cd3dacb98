import { z } from "zod";

/**
 * Rubrics and marking guides, pure (shared by server and client, reused by the quizzes' manual
 * grading). A rubric is criteria × levels, each level worth points; a marking guide is criteria
 * with a maximum, the marker gives points up to it and a comment. A "fill" is one marker's
 * choices; `scoreFill` turns it into points out of the definition's maximum.
 */
const key = z.string().trim().min(1).max(40);
const text = (max: number) => z.string().trim().max(max);
const points = z.number().min(0).max(1000);

export const RubricLevel = z.object({ id: key, points, description: text(1000).min(1) });
export const RubricCriterion = z.object({ id: key, description: text(1000).min(1), levels: z.array(RubricLevel).min(1).max(10) });
export const GuideCriterion = z.object({
  id: key,
  title: text(300).min(1),
  /** what learners are told is looked at */
  description: text(2000).default(""),
  maxPoints: points.refine((n) => n > 0, { message: "positive" }),
});

const uniqueIds = (ids: string[], ctx: z.RefinementCtx, path: (string | number)[]) => {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) ctx.addIssue({ code: "custom", message: "rubrics.duplicate_id", path: [...path, i, "id"] });
    seen.add(id);
  });
};

export const RubricDefinition = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("rubric"), criteria: z.array(RubricCriterion).min(1).max(50) }),
    z.object({ kind: z.literal("guide"), criteria: z.array(GuideCriterion).min(1).max(50) }),
  ])
  .superRefine((d, ctx) => {
    uniqueIds(
      d.criteria.map((c) => c.id),
      ctx,
      ["criteria"],
    );
    if (d.kind === "rubric")
      d.criteria.forEach((c, i) => {
        uniqueIds(
          c.levels.map((l) => l.id),
          ctx,
          ["criteria", i, "levels"],
        );
      });
  });
export type RubricDefinition = z.infer<typeof RubricDefinition>;
export type RubricCriterionT = z.infer<typeof RubricCriterion>;
export type GuideCriterionT = z.infer<typeof GuideCriterion>;

/** One marker's choice per criterion: a level (rubric) or points (guide), and a remark. */
export const RubricFill = z.record(key, z.object({ levelId: key.optional(), points: points.optional(), remark: text(2000).optional() }));
export type RubricFill = z.infer<typeof RubricFill>;

/** The most points a definition can give. */
export function maxPoints(def: RubricDefinition): number {
  if (def.kind === "rubric") return def.criteria.reduce((s, c) => s + Math.max(...c.levels.map((l) => l.points)), 0);
  return def.criteria.reduce((s, c) => s + c.maxPoints, 0);
}

export type FillProblem = { criterionId: string; code: "rubrics.criterion_missing" | "rubrics.level_unknown" | "rubrics.points_over" };

/**
 * Points given by a fill, or the problems that stop it from counting: every criterion needs a
 * level (rubric) or points not above its maximum (guide). Partial fills report `complete: false`.
 */
export function scoreFill(def: RubricDefinition, fill: RubricFill): { points: number; max: number; complete: boolean; problems: FillProblem[] } {
  const problems: FillProblem[] = [];
  let total = 0;
  for (const c of def.criteria) {
    const f = fill[c.id];
    if (def.kind === "rubric") {
      const crit = c as RubricCriterionT;
      if (!f?.levelId) {
        problems.push({ criterionId: c.id, code: "rubrics.criterion_missing" });
        continue;
      }
      const level = crit.levels.find((l) => l.id === f.levelId);
      if (!level) problems.push({ criterionId: c.id, code: "rubrics.level_unknown" });
      else total += level.points;
    } else {
      const crit = c as GuideCriterionT;
      if (f?.points === undefined) problems.push({ criterionId: c.id, code: "rubrics.criterion_missing" });
      else if (f.points > crit.maxPoints) problems.push({ criterionId: c.id, code: "rubrics.points_over" });
      else total += f.points;
    }
  }
  return { points: Math.round(total * 100) / 100, max: maxPoints(def), complete: problems.length === 0, problems };
}

/** Points of a complete fill scaled to a grade out of `maxScore`, to two decimals. */
export function gradeFromFill(def: RubricDefinition, fill: RubricFill, maxScore: number): number | null {
  const s = scoreFill(def, fill);
  if (!s.complete || s.max <= 0) return null;
  return Math.round((s.points / s.max) * maxScore * 100) / 100;
}

/** Keeps only the parts of a fill that name criteria (and levels) of the definition. */
export function cleanFill(def: RubricDefinition, fill: RubricFill): RubricFill {
  const out: RubricFill = {};
  for (const c of def.criteria) if (fill[c.id]) out[c.id] = fill[c.id];
  return out;
}
