import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, invalid, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { notifyGradesReleased } from "../../../gradebook/server/index.ts";
import { requireCompleteFill } from "../../../rubrics/server/index.ts";
import { cleanFill, gradeFromFill, type RubricFill } from "../../../rubrics/shared/rubric.ts";
import { loadAttempt, userIdOf } from "../access.ts";
import { answerPoints, marksVisible, pushGrades, retally } from "../grading.ts";
import { findQuizById, listAnswers, lockAttempt, quizRubrics } from "../repo.ts";
import { getAttempt } from "./get-attempt.ts";

type Input = { points?: number | null; rubricFill?: RubricFill; comment?: string | null };

/**
 * A teacher grades an answer by hand (essay, file) or overrides its automatic mark; null points
 * remove the manual grade. When the question has a rubric or marking guide in this quiz, the
 * grade is a complete fill of it and the points are computed from it, scaled to the question's
 * points. Each change is written to the attempt's log with the points before and after and the
 * fill; the attempt's score and the learner's grade in the gradebook follow. When this grade was
 * the last one the attempt waited for and the quiz shows marks now, the learner is told.
 */
export async function gradeAnswer(k: Kernel, actor: Actor, attemptId: string, slot: number, input: Input) {
  const me = userIdOf(actor);
  const { attempt } = await loadAttempt(k, actor, attemptId, "teach");
  const tid = actor.tenant!.id;
  const q = attempt.questions[slot];
  if (!q) throw notFound();
  const rubric = (await quizRubrics(k.db, tid, attempt.quiz_id, [q.questionId])).get(q.questionId)?.definition ?? null;
  let points: number | null;
  let fill: RubricFill | null = null;
  if (input.rubricFill !== undefined) {
    if (!rubric) throw invalid({ rubricFill: { code: "quizzes.no_rubric" } });
    requireCompleteFill(rubric, input.rubricFill);
    fill = cleanFill(rubric, input.rubricFill);
    points = gradeFromFill(rubric, fill, q.points);
  } else if (input.points !== undefined) {
    points = input.points;
    if (points !== null && rubric) throw invalid({ points: { code: "quizzes.use_rubric" } });
    if (points !== null && points > q.points) throw invalid({ points: { code: "quizzes.points_max", params: { max: q.points } } });
  } else throw invalid({ points: { code: "field.required" } });
  const done = await k.db.transaction().execute(async (trx) => {
    const a = await lockAttempt(trx, tid, attemptId);
    if (a?.state !== "submitted") throw new AppError("quizzes.not_submitted", {}, undefined, 409);
    const answers = await listAnswers(trx, tid, [attemptId]);
    let ans = answers.find((x) => x.slot === slot);
    const before = answerPoints(q, ans);
    const set = {
      manual_points: points,
      comment: input.comment?.trim() || null,
      rubric_fill: fill && JSON.stringify(fill),
      graded_by: me,
      graded_at: new Date(),
    };
    if (ans) {
      await trx.updateTable("quiz_answers").set(set).where("tenant_id", "=", tid).where("attempt_id", "=", attemptId).where("slot", "=", slot).execute();
      Object.assign(ans, set);
    } else {
      // a question left blank can still be given points
      ans = { tenant_id: tid, attempt_id: attemptId, slot, seq: 1, response: null, saved_at: new Date(), auto_fraction: null, ...set };
      await trx
        .insertInto("quiz_answers")
        .values({ ...ans, response: null, rubric_fill: set.rubric_fill })
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
        rubric_fill: set.rubric_fill,
        by_user: me,
      })
      .execute();
    const after = await retally(trx, tid, a, answers);
    return { completed: a.needs_grading && !after.needsGrading };
  });
  // a preview counts nowhere: no event, no gradebook, no notice
  if (!attempt.preview) {
    k.record({
      tenantId: tid,
      actorId: me,
      verb: "graded",
      objectType: "quiz-attempt",
      objectId: attemptId,
      context: { slot, points, rubric: !!fill, quizId: attempt.quiz_id },
    });
    await pushGrades(k, tid, attempt.quiz_id, [attempt.user_id]);
    const quiz = done.completed ? await findQuizById(k.db, tid, attempt.quiz_id) : null;
    if (quiz && marksVisible(quiz))
      await notifyGradesReleased(k, tid, { kind: "quiz", courseId: attempt.course_id, itemId: attempt.quiz_id }, [attempt.user_id]);
  }
  return getAttempt(k, actor, attemptId);
}
