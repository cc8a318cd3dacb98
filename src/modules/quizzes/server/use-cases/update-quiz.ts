import type { Actor } from "../../../../kernel/auth/actor.ts";
import { invalid } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { notifyGradesReleased } from "../../../gradebook/server/index.ts";
import type { QuizSettingsInput } from "../../shared/contract.ts";
import { loadQuiz } from "../access.ts";
import { marksVisible, pushGrades } from "../grading.ts";
import { presentSettings } from "../present.ts";
import { ensureSettingsRow, findQuiz } from "../repo.ts";

/** Settings input → columns; the dates are checked together (closing after opening). */
export function settingsColumns(input: Partial<QuizSettingsInput>, current?: { opens_at: Date | string | null; closes_at: Date | string | null }) {
  const cols: Record<string, unknown> = {};
  if (input.intro !== undefined) cols.intro = input.intro;
  if (input.timeLimitMinutes !== undefined) cols.time_limit_s = input.timeLimitMinutes === null ? null : input.timeLimitMinutes * 60;
  if (input.opensAt !== undefined) cols.opens_at = input.opensAt ? new Date(input.opensAt) : null;
  if (input.closesAt !== undefined) cols.closes_at = input.closesAt ? new Date(input.closesAt) : null;
  if (input.attemptsAllowed !== undefined) cols.attempts_allowed = input.attemptsAllowed;
  if (input.gradingMethod !== undefined) cols.grading_method = input.gradingMethod;
  if (input.shuffleQuestions !== undefined) cols.shuffle_questions = input.shuffleQuestions;
  if (input.shuffleAnswers !== undefined) cols.shuffle_answers = input.shuffleAnswers;
  if (input.reviewMarks !== undefined) cols.review_marks = input.reviewMarks;
  if (input.reviewAnswers !== undefined) cols.review_answers = input.reviewAnswers;
  if (input.passPercent !== undefined) cols.pass_percent = input.passPercent;
  const opens = "opens_at" in cols ? (cols.opens_at as Date | null) : current?.opens_at ? new Date(current.opens_at) : null;
  const closes = "closes_at" in cols ? (cols.closes_at as Date | null) : current?.closes_at ? new Date(current.closes_at) : null;
  if (opens && closes && closes <= opens) throw invalid({ closesAt: { code: "quizzes.closes_before_opens" } });
  if (("closes_at" in cols || "opens_at" in cols) && closes) cols.grades_released_at = null;
  return cols;
}

export async function updateQuiz(k: Kernel, actor: Actor, courseId: string, itemId: string, input: Partial<QuizSettingsInput>) {
  const { a, quiz } = await loadQuiz(k, actor, courseId, itemId, "edit");
  const tid = a.course.tenant_id;
  const cols = settingsColumns(input, quiz);
  await k.db.transaction().execute(async (trx) => {
    await ensureSettingsRow(trx, tid, itemId, courseId);
    if (Object.keys(cols).length)
      await trx
        .updateTable("quizzes")
        .set({ ...cols, updated_at: new Date() })
        .where("tenant_id", "=", tid)
        .where("item_id", "=", itemId)
        .execute();
    if (input.title !== undefined)
      await trx.updateTable("course_items").set({ title: input.title, updated_at: new Date() }).where("tenant_id", "=", tid).where("id", "=", itemId).execute();
  });
  // grading method, pass mark or review options may change every learner's grade or its release
  if (
    input.gradingMethod !== undefined ||
    input.reviewMarks !== undefined ||
    input.passPercent !== undefined ||
    input.title !== undefined ||
    input.closesAt !== undefined
  ) {
    const pushed = await pushGrades(k, tid, itemId);
    // marks hidden until now are shown from now on (the teacher opened the review): learners with a grade are told
    if (pushed && !marksVisible(quiz) && marksVisible(pushed.quiz)) {
      const graded = pushed.grades.filter((g) => g.score !== null).map((g) => g.userId);
      if (graded.length) await notifyGradesReleased(k, tid, { kind: "quiz", courseId, itemId }, graded);
    }
  }
  return presentSettings((await findQuiz(k.db, tid, courseId, itemId))!);
}
