import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, invalid, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadAttempt, userIdOf } from "../access.ts";
import { answerPoints, pushGrades, retally } from "../grading.ts";
import { listAnswers, lockAttempt } from "../repo.ts";
import { getAttempt } from "./get-attempt.ts";

/**
 * A teacher grades an answer by hand (essay, file) or overrides its automatic mark; null points
 * remove the manual grade. Each change is written to the attempt's log with the points before and
 * after; the attempt's score and the learner's grade in the gradebook follow.
 */
export async function gradeAnswer(k: Kernel, actor: Actor, attemptId: string, slot: number, points: number | null, comment: string | null | undefined) {
  const me = userIdOf(actor);
  const { attempt } = await loadAttempt(k, actor, attemptId, "teach");
  const tid = actor.tenant!.id;
  const q = attempt.questions[slot];
  if (!q) throw notFound();
  if (points !== null && points > q.points) throw invalid({ points: { code: "quizzes.points_max", params: { max: q.points } } });
  await k.db.transaction().execute(async (trx) => {
    const a = await lockAttempt(trx, tid, attemptId);
    if (a?.state !== "submitted") throw new AppError("quizzes.not_submitted", {}, undefined, 409);
    const answers = await listAnswers(trx, tid, [attemptId]);
    let ans = answers.find((x) => x.slot === slot);
    const before = answerPoints(q, ans);
    const set = { manual_points: points, comment: comment?.trim() || null, graded_by: me, graded_at: new Date() };
    if (ans) {
      await trx.updateTable("quiz_answers").set(set).where("tenant_id", "=", tid).where("attempt_id", "=", attemptId).where("slot", "=", slot).execute();
      Object.assign(ans, set);
    } else {
      // a question left blank can still be given points
      ans = { tenant_id: tid, attempt_id: attemptId, slot, seq: 1, response: null, saved_at: new Date(), auto_fraction: null, ...set };
      await trx
        .insertInto("quiz_answers")
        .values({ ...ans, response: null })
        .execute();
      answers.push(ans);
    }
    await trx
      .insertInto("quiz_grade_log")
      .values({
        tenant_id: tid,
        id: newId(),
        attempt_id: attemptId,
        slot,
        reason: before === null ? "manual" : "override",
        old_points: before,
        new_points: answerPoints(q, ans),
        comment: set.comment,
        by_user: me,
      })
      .execute();
    await retally(trx, tid, a, answers);
  });
  k.record({ tenantId: tid, actorId: me, verb: "graded", objectType: "quiz-attempt", objectId: attemptId, context: { slot, points, quizId: attempt.quiz_id } });
  await pushGrades(k, tid, attempt.quiz_id, [attempt.user_id]);
  return getAttempt(k, actor, attemptId);
}
