import type { Kysely } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { recordGrades, upsertGradeItem } from "../../gradebook/server/api.ts";
import { getVersions, markVersionsUsed, scoreResponse } from "../../questions/server/api.ts";
import { MANUAL_TYPES, type QuestionVersion } from "../../questions/shared/types.ts";
import { type AnswerRow, type AttemptRow, type FrozenQuestion, findQuizById, listAnswers, listAttemptRows, lockAttempt, type QuizRow } from "./repo.ts";

/** Points of one answer: a person's grade wins over the automatic one; null while a person must grade it. */
export function answerPoints(q: FrozenQuestion, a: AnswerRow | undefined): number | null {
  if (a?.manual_points != null) return a.manual_points;
  // nothing given: nothing to grade, not even an essay
  if (!a || a.response === null) return 0;
  if (a.auto_fraction != null) return a.auto_fraction * q.points;
  return MANUAL_TYPES.includes(q.type) ? null : 0;
}

/** The score of an attempt and whether a person still has answers to grade. */
export function tally(questions: FrozenQuestion[], answers: AnswerRow[]) {
  const bySlot = new Map(answers.map((a) => [a.slot, a]));
  let score = 0;
  let needsGrading = false;
  questions.forEach((q, slot) => {
    const p = answerPoints(q, bySlot.get(slot));
    if (p === null) needsGrading = true;
    else score += p;
  });
  return { score: Math.round(score * 1e6) / 1e6, needsGrading };
}

/** Scores every saved answer of an attempt automatically (essays and files keep a null fraction). */
export async function scoreAnswers(db: Kysely<DB>, tenantId: string, attempt: AttemptRow, answers: AnswerRow[], versions?: Map<string, QuestionVersion>) {
  const vs =
    versions ??
    (await getVersions(
      db,
      tenantId,
      attempt.questions.map((q) => q.versionId),
    ));
  for (const a of answers) {
    const q = attempt.questions[a.slot];
    const v = q && vs.get(q.versionId);
    if (!v) continue;
    const fraction = a.response === null ? (MANUAL_TYPES.includes(v.type) ? null : 0) : scoreResponse(v.definition, a.response).fraction;
    if (fraction === a.auto_fraction) continue;
    a.auto_fraction = fraction;
    await db
      .updateTable("quiz_answers")
      .set({ auto_fraction: fraction })
      .where("tenant_id", "=", tenantId)
      .where("attempt_id", "=", a.attempt_id)
      .where("slot", "=", a.slot)
      .execute();
  }
}

/**
 * Submits an attempt with the answers it has (idempotent: an attempt already submitted is left as
 * it is). The attempt's row lock makes it wait for saves in flight; once it is committed no save is
 * taken. Then the learner's grade is sent to the gradebook. Returns whether this call submitted it.
 */
export async function finishAttempt(k: Kernel, tenantId: string, attemptId: string, opts: { auto: boolean; by: string | null }): Promise<boolean> {
  const done = await k.db.transaction().execute(async (trx) => {
    const a = await lockAttempt(trx, tenantId, attemptId);
    if (a?.state !== "in_progress") return null;
    const answers = await listAnswers(trx, tenantId, [a.id]);
    await scoreAnswers(trx, tenantId, a, answers);
    const t = tally(a.questions, answers);
    await trx
      .updateTable("quiz_attempts")
      .set({ state: "submitted", submitted_at: new Date(), auto_submitted: opts.auto, score: t.score, needs_grading: t.needsGrading })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", a.id)
      .execute();
    return a;
  });
  if (!done) return false;
  // a teacher's preview counts nowhere: no event, no grade
  if (done.preview) return true;
  k.record({
    tenantId,
    actorId: opts.by,
    verb: "submitted",
    objectType: "quiz-attempt",
    objectId: attemptId,
    context: { quizId: done.quiz_id, courseId: done.course_id, auto: opts.auto },
  });
  await pushGrades(k, tenantId, done.quiz_id, [done.user_id]);
  return true;
}

/** Scores an attempt again from its answers and stores the result (after grading or regrading). */
export async function retally(db: Kysely<DB>, tenantId: string, attempt: AttemptRow, answers: AnswerRow[]) {
  const t = tally(attempt.questions, answers);
  await db
    .updateTable("quiz_attempts")
    .set({ score: t.score, needs_grading: t.needsGrading })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", attempt.id)
    .execute();
  return t;
}

/** Marks are shown to learners: immediately, after the quiz closes, or never (the teacher releases nothing). */
export const marksVisible = (quiz: Pick<QuizRow, "review_marks" | "closes_at">, now = new Date()) =>
  quiz.review_marks === "immediately" || (quiz.review_marks === "after_close" && !!quiz.closes_at && new Date(quiz.closes_at) <= now);
export const answersVisible = (quiz: Pick<QuizRow, "review_answers" | "closes_at">, now = new Date()) =>
  quiz.review_answers === "immediately" || (quiz.review_answers === "after_close" && !!quiz.closes_at && new Date(quiz.closes_at) <= now);

/** An attempt's score on the quiz's scale (attempts keep the maximum they were started with). */
const scaled = (a: AttemptRow, quizMax: number) => (a.score === null ? null : a.max_score > 0 ? (a.score / a.max_score) * quizMax : 0);

/** The learner's grade by the quiz's grading method over submitted, fully graded attempts; null when there is none. */
export function finalGrade(method: QuizRow["grading_method"], attempts: AttemptRow[], quizMax: number): number | null {
  const done = attempts.filter((a) => a.state === "submitted").sort((x, y) => x.number - y.number);
  if (method === "last") {
    const last = done.at(-1);
    return last && !last.needs_grading ? scaled(last, quizMax) : null;
  }
  const scores = done.filter((a) => !a.needs_grading).map((a) => scaled(a, quizMax) as number);
  if (scores.length === 0) return null;
  const v = method === "highest" ? Math.max(...scores) : scores.reduce((s, x) => s + x, 0) / scores.length;
  return Math.round(v * 1e4) / 1e4;
}

/** Sends the final grades of these learners (all learners with attempts when omitted) to the gradebook; returns them. */
export async function pushGrades(k: Kernel, tenantId: string, quizId: string, userIds?: string[]) {
  const quiz = await findQuizById(k.db, tenantId, quizId);
  if (!quiz || quiz.max_score <= 0) return;
  await upsertGradeItem(k.db, tenantId, {
    courseId: quiz.course_id,
    source: { type: "quiz", id: quiz.item_id },
    courseItemId: quiz.item_id,
    title: quiz.title,
    maxScore: quiz.max_score,
    passScore: quiz.pass_percent === null ? null : (quiz.pass_percent / 100) * quiz.max_score,
  });
  const attempts = await listAttemptRows(k.db, tenantId, quizId);
  const byUser = new Map<string, AttemptRow[]>();
  for (const a of attempts) if (!userIds || userIds.includes(a.user_id)) byUser.set(a.user_id, [...(byUser.get(a.user_id) ?? []), a]);
  const released = marksVisible(quiz);
  const grades = [...byUser].map(([userId, list]) => ({ userId, score: finalGrade(quiz.grading_method, list, quiz.max_score), released }));
  await recordGrades(k, tenantId, { type: "quiz", id: quizId }, grades);
  return { quiz, grades };
}

export { markVersionsUsed };
