import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { QuizPage } from "../../shared/contract.ts";
import { loadQuiz, userIdOf } from "../access.ts";
import { finalGrade, marksVisible } from "../grading.ts";
import { presentSettings, presentSummary } from "../present.ts";
import { type AttemptRow, findAccommodation, listAttemptRows, type QuizRow } from "../repo.ts";
import { submitIfOverdue } from "./submit-attempt.ts";

/** Whether the learner may start an attempt now, and if not why. */
export function startBlock(quiz: QuizRow, attempts: AttemptRow[], extraAttempts: number, now = new Date()) {
  const inProgress = attempts.some((a) => a.state === "in_progress");
  const allowed = quiz.attempts_allowed === null ? null : quiz.attempts_allowed + extraAttempts;
  const left = allowed === null ? null : Math.max(0, allowed - attempts.length);
  let blocked: string | null = null;
  if (inProgress) blocked = null;
  else if (quiz.question_count === 0) blocked = "no_questions";
  else if (quiz.opens_at && new Date(quiz.opens_at) > now) blocked = "not_open";
  else if (quiz.closes_at && new Date(quiz.closes_at) <= now) blocked = "closed";
  else if (left === 0) blocked = "no_attempts_left";
  return { blocked, left };
}

/** The quiz page: settings for everyone who sees the course; a learner's attempts, grade and whether they may start. */
export async function getQuiz(k: Kernel, actor: Actor, courseId: string, itemId: string): Promise<QuizPage> {
  const { a, quiz } = await loadQuiz(k, actor, courseId, itemId, "view");
  const tid = a.course.tenant_id;
  const me = userIdOf(actor);
  let attempts: AttemptRow[] = [];
  let extra = { extra_time_s: 0, extra_attempts: 0 };
  if (a.isLearner) {
    [attempts, extra] = await Promise.all([listAttemptRows(k.db, tid, itemId, me), findAccommodation(k.db, tid, itemId, me).then((x) => x ?? extra)]);
    // an attempt left running past its deadline is submitted on the next visit
    if (await submitIfOverdue(k, tid, attempts)) attempts = await listAttemptRows(k.db, tid, itemId, me);
  }
  const canPreview = a.canTeach || a.canEdit;
  const previews = canPreview ? await listAttemptRows(k.db, tid, itemId, me, true) : [];
  const showMarks = marksVisible(quiz);
  const { blocked, left } = startBlock(quiz, attempts, extra.extra_attempts);
  return {
    course: { id: a.course.id, title: a.course.title },
    quiz: presentSettings(quiz),
    canEdit: a.canEdit,
    canTeach: a.canTeach,
    isLearner: a.isLearner,
    attempts: attempts.map((x) => presentSummary(x, showMarks)),
    canStart: a.isLearner && blocked === null,
    blocked: a.isLearner ? blocked : null,
    attemptsLeft: left,
    extraMinutes: Math.round(extra.extra_time_s / 60),
    grade: showMarks ? finalGrade(quiz.grading_method, attempts, quiz.max_score) : null,
    canPreview,
    preview: previews.length ? presentSummary(previews.at(-1)!, showMarks) : null,
    serverNow: new Date().toISOString(),
  };
}
