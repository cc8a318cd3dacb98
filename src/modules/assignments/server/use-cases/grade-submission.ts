import type { Actor } from "../../../../kernel/auth/actor.ts";
import { invalid, notFound } from "../../../../kernel/errors.ts";
import { isLocale } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { parseRichText, renderRichText } from "../../../../kernel/richtext/index.ts";
import { recordGrades } from "../../../gradebook/server/api.ts";
import { notifyGradesReleased } from "../../../gradebook/server/index.ts";
import { requireCompleteFill } from "../../../rubrics/server/index.ts";
import { cleanFill, gradeFromFill, type RubricFill } from "../../../rubrics/shared/rubric.ts";
import { checkFiles, ensureGradeItem } from "../checks.ts";
import { loadAssignment, requireMarker } from "../load.ts";
import { gradeTargets } from "../marking.ts";
import { submissionDetail } from "./get-submission.ts";

type Input = { score?: number | null; rubricFill?: RubricFill | null; feedback?: unknown; feedbackFileIds?: string[] };

/**
 * A marker grades a submission. With a rubric or marking guide the fill must be complete and the
 * score is computed from it (scaled to the maximum); otherwise the score is typed (null clears
 * it). The grade goes to the gradebook for the learner or every member of the group, hidden
 * from them until the assignment's grades are released.
 */
export async function gradeSubmission(k: Kernel, actor: Actor, courseId: string, itemId: string, submissionId: string, input: Input) {
  const l = await loadAssignment(k, actor, courseId, itemId, "view");
  requireMarker(l);
  const row = await k.db
    .selectFrom("assignment_submissions")
    .selectAll()
    .where("tenant_id", "=", l.tid)
    .where("item_id", "=", itemId)
    .where("id", "=", submissionId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const maxScore = Number(l.a.max_score);
  const patch: Record<string, unknown> = { graded_by: l.me.userId, graded_at: new Date(), updated_at: new Date() };
  if (l.rubric && input.rubricFill) {
    requireCompleteFill(l.rubric.definition, input.rubricFill);
    patch.rubric_fill = JSON.stringify(cleanFill(l.rubric.definition, input.rubricFill));
    patch.score = gradeFromFill(l.rubric.definition, input.rubricFill, maxScore);
  } else if (input.rubricFill && !l.rubric) {
    throw invalid({ rubricFill: { code: "assignments.no_rubric" } });
  } else if (input.score !== undefined) {
    if (input.score !== null && input.score > maxScore) throw invalid({ score: { code: "assignments.score_over_max", params: { max: maxScore } } });
    if (l.rubric && input.score !== null) throw invalid({ score: { code: "assignments.use_rubric" } });
    Object.assign(patch, { score: input.score, rubric_fill: null });
  }
  if (input.feedback !== undefined) {
    if (input.feedback === null) Object.assign(patch, { feedback_doc: null, feedback_html: "" });
    else {
      const doc = parseRichText(input.feedback, "feedback");
      const lang = l.access.course.language;
      Object.assign(patch, { feedback_doc: JSON.stringify(doc), feedback_html: renderRichText(doc, isLocale(lang) ? lang : "fr") });
    }
  }
  if (input.feedbackFileIds !== undefined)
    patch.feedback_file_ids = JSON.stringify(await checkFiles(k.db, l.me, input.feedbackFileIds, "feedbackFileIds", { max: 10, maxMb: 100 }));
  const updated = await k.db
    .updateTable("assignment_submissions")
    .set(patch)
    .where("tenant_id", "=", l.tid)
    .where("id", "=", submissionId)
    .returningAll()
    .executeTakeFirstOrThrow();
  const score = updated.score === null ? null : Number(updated.score);
  await ensureGradeItem(k, l);
  const users = await gradeTargets(k, l, updated);
  await recordGrades(
    k,
    l.tid,
    { type: "assignment", id: itemId },
    users.map((userId) => ({ userId, score, released: !!l.a.released_at, gradedBy: l.me.userId })),
  );
  // after the release a grade is visible at once: its learners are told
  if (l.a.released_at && score !== null) await notifyGradesReleased(k, l.tid, { kind: "assignment", courseId, itemId }, users);
  k.record({
    tenantId: l.tid,
    actorId: l.me.userId,
    verb: "graded-submission",
    objectType: "assignment",
    objectId: itemId,
    context: { courseId, submissionId, score, maxScore, rubric: !!l.rubric },
  });
  return submissionDetail(k, l, submissionId);
}
