import type { Kernel } from "../../../kernel/module.ts";
import { applyGradedCompletion } from "../../enrolment/server/index.ts";

/**
 * After grades of an item changed (computed, entered, overridden, imported): a course item with
 * the completion rule 'graded' is complete for a learner while their grade reaches the pass score.
 */
export async function syncCompletion(
  k: Kernel,
  tenantId: string,
  item: { course_item_id: string | null; pass_score: number | null },
  grades: { userId: string; score: number | null }[],
) {
  if (!item.course_item_id || item.pass_score === null || grades.length === 0) return;
  const pass = item.pass_score;
  await applyGradedCompletion(
    k,
    tenantId,
    item.course_item_id,
    grades.map((g) => ({ userId: g.userId, passed: g.score !== null && g.score >= pass })),
  );
}
