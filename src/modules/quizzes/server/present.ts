import type { Kysely } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import { getVersions, scoreResponse, toPublic } from "../../questions/server/api.ts";
import { MANUAL_TYPES, type QuestionResponse, type QuestionVersion } from "../../questions/shared/types.ts";
import type { RubricDefinition } from "../../rubrics/shared/rubric.ts";
import { type Attempt, type AttemptSummary, GRACE_SECONDS, type QuizSettings } from "../shared/contract.ts";
import { answerPoints, answersVisible, marksVisible } from "./grading.ts";
import { type AnswerRow, type AttemptRow, fillOf, listAnswers, type QuizRow, quizRubrics } from "./repo.ts";

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export const presentSettings = (q: QuizRow): QuizSettings => ({
  itemId: q.item_id,
  courseId: q.course_id,
  title: q.title,
  intro: q.intro,
  timeLimitMinutes: q.time_limit_s === null ? null : Math.round(q.time_limit_s / 60),
  opensAt: iso(q.opens_at),
  closesAt: iso(q.closes_at),
  attemptsAllowed: q.attempts_allowed,
  gradingMethod: q.grading_method,
  shuffleQuestions: q.shuffle_questions,
  shuffleAnswers: q.shuffle_answers,
  reviewMarks: q.review_marks,
  reviewAnswers: q.review_answers,
  passPercent: q.pass_percent,
  questionCount: q.question_count,
  pages: q.pages,
  maxScore: q.max_score,
});

export const presentSummary = (a: AttemptRow, showMarks: boolean): AttemptSummary => ({
  id: a.id,
  number: a.number,
  state: a.state,
  startedAt: iso(a.started_at)!,
  deadline: iso(a.deadline),
  submittedAt: iso(a.submitted_at),
  autoSubmitted: a.auto_submitted,
  score: showMarks && a.state === "submitted" && !a.needs_grading ? a.score : null,
  maxScore: a.max_score,
  needsGrading: a.needs_grading,
  preview: a.preview,
});

/** A version as the learner was given it: options in the attempt's order; a negative seed keeps the authored order (quiz without answer shuffling). */
export const publicOf = (v: QuestionVersion, seed: number) =>
  toPublic(seed >= 0 ? v : { ...v, definition: { ...v.definition, shuffle: false } as QuestionVersion["definition"] }, seed);

export type LogRow = {
  slot: number;
  reason: string;
  old_points: number | null;
  new_points: number | null;
  comment: string | null;
  rubric_fill: unknown;
  by_name: string | null;
  at: Date;
};

/**
 * An attempt as its learner or a grader sees it. While in progress: the questions and the saved
 * answers. Once submitted: points, feedback and right answers as the review options allow (a
 * grader sees everything and the log of manual grades).
 */
export async function presentAttempt(
  db: Kysely<DB>,
  tenantId: string,
  a: AttemptRow,
  quiz: QuizRow,
  opts: { grader: boolean; learnerName: string; answers?: AnswerRow[]; versions?: Map<string, QuestionVersion>; log?: LogRow[] },
): Promise<Attempt> {
  const now = new Date();
  const submitted = a.state === "submitted";
  const [answers, versions, rubrics] = await Promise.all([
    opts.answers ?? listAnswers(db, tenantId, [a.id]),
    opts.versions ??
      getVersions(
        db,
        tenantId,
        a.questions.map((q) => q.versionId),
      ),
    // rubrics matter once there is something to grade or to review
    submitted && a.questions.some((q) => MANUAL_TYPES.includes(q.type))
      ? quizRubrics(
          db,
          tenantId,
          a.quiz_id,
          a.questions.filter((q) => MANUAL_TYPES.includes(q.type)).map((q) => q.questionId),
        )
      : Promise.resolve(new Map<string, { definition: RubricDefinition }>()),
  ]);
  const bySlot = new Map(answers.map((x) => [x.slot, x]));
  const showMarks = submitted && (opts.grader || marksVisible(quiz, now));
  const showAnswers = submitted && (opts.grader || answersVisible(quiz, now));
  return {
    ...presentSummary(a, showMarks),
    quizId: a.quiz_id,
    courseId: a.course_id,
    quizTitle: quiz.title,
    courseTitle: quiz.course_title,
    userId: a.user_id,
    learnerName: opts.learnerName,
    pages: Math.max(1, ...a.questions.map((q) => q.page)),
    serverNow: now.toISOString(),
    graceSeconds: GRACE_SECONDS,
    showMarks,
    showAnswers,
    grader: opts.grader,
    questions: a.questions.flatMap((q, slot) => {
      const v = versions.get(q.versionId);
      if (!v) return [];
      const ans = bySlot.get(slot);
      const response = (ans?.response ?? null) as QuestionResponse | null;
      let result: Attempt["questions"][number]["result"] = null;
      const fill = showMarks ? fillOf(ans?.rubric_fill) : null;
      if (submitted && (showMarks || showAnswers)) {
        const review = scoreResponse(v.definition, response);
        result = {
          points: showMarks ? answerPoints(q, ans) : null,
          review: {
            ...review,
            rightAnswer: showAnswers ? review.rightAnswer : null,
            feedback: showAnswers ? review.feedback : [],
            parts: showAnswers ? review.parts : {},
          },
          comment: ans?.comment ?? null,
          rubricFill: fill,
        };
      }
      return [
        {
          slot,
          page: q.page,
          points: q.points,
          question: { ...publicOf(v, q.seed), points: q.points },
          answer: ans ? { seq: ans.seq, response, savedAt: iso(ans.saved_at)! } : null,
          // a grader grades with it; a learner sees it with the levels given, once marks are shown
          rubric: opts.grader || fill ? (rubrics.get(q.questionId)?.definition ?? null) : null,
          result,
        },
      ];
    }),
    log: (opts.log ?? []).map((l) => ({
      slot: l.slot,
      reason: l.reason,
      oldPoints: l.old_points,
      newPoints: l.new_points,
      comment: l.comment,
      rubricFill: fillOf(l.rubric_fill),
      by: l.by_name,
      at: iso(l.at)!,
    })),
  };
}
