import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";
import { PublicQuestion, QUESTION_TYPES, QuestionResponse, ScoreResult } from "../../questions/shared/types.ts";
import { RubricDefinition, RubricFill } from "../../rubrics/shared/rubric.ts";

/**
 * Quizzes (course items of kind "quiz") and their attempts. Settings and slots live under the
 * course; an attempt's own operations (read, autosave, submit) live under /quiz-attempts/:id so
 * that the autosave, the hot path of an exam, is one SQL statement.
 */
export const GRADING_METHODS = ["highest", "last", "average"] as const;
export const REVIEW_WHEN = ["immediately", "after_close", "never"] as const;
/** A save arriving this long after the deadline is still taken (network latency, the last keystroke). */
export const GRACE_SECONDS = 15;
export const MAX_SLOTS = 200;

const when = z.iso.datetime({ offset: true });

/** The settings fields without defaults (an update changes only what it sends). */
const settingsFields = {
  title: z.string().trim().min(1).max(300),
  intro: z.string().max(5000),
  /** minutes; null: no time limit */
  timeLimitMinutes: z.number().int().min(1).max(10080).nullable(),
  opensAt: when.nullable(),
  closesAt: when.nullable(),
  /** null: unlimited */
  attemptsAllowed: z.number().int().min(1).max(100).nullable(),
  gradingMethod: z.enum(GRADING_METHODS),
  shuffleQuestions: z.boolean(),
  shuffleAnswers: z.boolean(),
  reviewMarks: z.enum(REVIEW_WHEN),
  reviewAnswers: z.enum(REVIEW_WHEN),
  /** share of the maximum needed to pass, 0..100; null: no pass mark */
  passPercent: z.number().min(0).max(100).nullable(),
};
export const QuizSettingsInput = z.object({
  ...settingsFields,
  intro: settingsFields.intro.default(""),
  timeLimitMinutes: settingsFields.timeLimitMinutes.default(null),
  opensAt: settingsFields.opensAt.default(null),
  closesAt: settingsFields.closesAt.default(null),
  attemptsAllowed: settingsFields.attemptsAllowed.default(1),
  gradingMethod: settingsFields.gradingMethod.default("highest"),
  shuffleQuestions: settingsFields.shuffleQuestions.default(false),
  shuffleAnswers: settingsFields.shuffleAnswers.default(true),
  reviewMarks: settingsFields.reviewMarks.default("immediately"),
  reviewAnswers: settingsFields.reviewAnswers.default("after_close"),
  passPercent: settingsFields.passPercent.default(null),
});
export const QuizSettingsPatch = z.object(settingsFields).partial();
export type QuizSettingsInput = z.infer<typeof QuizSettingsInput>;

export const QuizSettings = z.object({
  itemId: z.uuid(),
  courseId: z.uuid(),
  title: z.string(),
  intro: z.string(),
  timeLimitMinutes: z.number().nullable(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  attemptsAllowed: z.number().nullable(),
  gradingMethod: z.enum(GRADING_METHODS),
  shuffleQuestions: z.boolean(),
  shuffleAnswers: z.boolean(),
  reviewMarks: z.enum(REVIEW_WHEN),
  reviewAnswers: z.enum(REVIEW_WHEN),
  passPercent: z.number().nullable(),
  questionCount: z.number().int(),
  pages: z.number().int(),
  maxScore: z.number(),
});
export type QuizSettings = z.infer<typeof QuizSettings>;

export const AttemptSummary = z.object({
  id: z.uuid(),
  number: z.number().int(),
  state: z.enum(["in_progress", "submitted"]),
  startedAt: z.string(),
  deadline: z.string().nullable(),
  submittedAt: z.string().nullable(),
  autoSubmitted: z.boolean(),
  /** null when marks are not shown yet, or while a person has not graded every answer */
  score: z.number().nullable(),
  maxScore: z.number(),
  needsGrading: z.boolean(),
  /** a teacher's preview: counts nowhere */
  preview: z.boolean(),
});
export type AttemptSummary = z.infer<typeof AttemptSummary>;

/** In replies, a response as stored (the request schema's rich-text transform cannot serialise replies). */
const ResponseOut = z.custom<QuestionResponse>(() => true);
const ReviewOut = ScoreResult.extend({ rightAnswer: ResponseOut.nullable() });

const courseParams = z.object({ courseId: z.uuid() });
const quizParams = z.object({ courseId: z.uuid(), itemId: z.uuid() });
const attemptParams = z.object({ attemptId: z.uuid() });

export const createQuiz = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/quizzes",
  summary: "Add a quiz to a section of a course (course editors): the course item and its settings",
  tags: ["quizzes"],
  params: courseParams,
  body: QuizSettingsInput.extend({ sectionId: z.uuid() }),
  response: QuizSettings,
});

export const QuizPage = z.object({
  course: z.object({ id: z.uuid(), title: z.string() }),
  quiz: QuizSettings,
  canEdit: z.boolean(),
  canTeach: z.boolean(),
  isLearner: z.boolean(),
  /** the learner's own attempts, oldest first */
  attempts: z.array(AttemptSummary),
  /** the learner may start a new attempt now (or continue `inProgress`) */
  canStart: z.boolean(),
  /** why not: "not_open" | "closed" | "no_attempts_left" | "no_questions" | null */
  blocked: z.string().nullable(),
  attemptsLeft: z.number().nullable(),
  /** the learner's accommodation */
  extraMinutes: z.number(),
  /** final grade by the grading method, when marks are shown */
  grade: z.number().nullable(),
  /** teachers and editors may try the quiz as a learner would, without it counting */
  canPreview: z.boolean(),
  /** the person's latest preview, if any */
  preview: AttemptSummary.nullable(),
  serverNow: z.string(),
});
export type QuizPage = z.infer<typeof QuizPage>;

export const getQuiz = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/quizzes/:itemId",
  summary: "A quiz: its settings, and for a learner their attempts and whether they may start one",
  tags: ["quizzes"],
  params: quizParams,
  response: QuizPage,
});

export const updateQuiz = defineContract({
  method: "PATCH",
  path: "/api/v1/courses/:courseId/quizzes/:itemId",
  summary: "Change a quiz's settings (course editors)",
  tags: ["quizzes"],
  params: quizParams,
  body: QuizSettingsPatch,
  response: QuizSettings,
});

export const SlotInput = z.object({
  page: z.number().int().min(1).max(200).default(1),
  /** a fixed question: its version (the latest when only questionId is given) */
  questionId: z.uuid().nullish(),
  versionId: z.uuid().nullish(),
  /** a random draw from a category */
  categoryId: z.uuid().nullish(),
  /** null: the question's own points (1 for a random draw) */
  points: z.number().min(0).max(1000).nullish(),
});

export const Slot = z.object({
  id: z.uuid(),
  position: z.number().int(),
  page: z.number().int(),
  points: z.number(),
  questionId: z.uuid().nullable(),
  versionId: z.uuid().nullable(),
  categoryId: z.uuid().nullable(),
  type: z.enum(QUESTION_TYPES).nullable(),
  stem: z.string().nullable(),
  version: z.number().int().nullable(),
  /** a newer version of the question exists (regrade possible) */
  latestVersionId: z.uuid().nullable(),
  latestVersion: z.number().int().nullable(),
  /** the rubric or marking guide manual grading uses for this question in this quiz */
  rubric: RubricDefinition.nullable(),
});
export type Slot = z.infer<typeof Slot>;

export const listSlots = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/quizzes/:itemId/slots",
  summary: "The questions of a quiz, in order, with their pages and points (course editors)",
  tags: ["quizzes"],
  params: quizParams,
  response: z.object({ items: z.array(Slot) }),
});

export const replaceSlots = defineContract({
  method: "PUT",
  path: "/api/v1/courses/:courseId/quizzes/:itemId/slots",
  summary: "Set the questions of a quiz (course editors); attempts already started keep theirs",
  tags: ["quizzes"],
  params: quizParams,
  body: z.object({ slots: z.array(SlotInput).max(MAX_SLOTS) }),
  response: z.object({ items: z.array(Slot) }),
});

export const setQuestionRubric = defineContract({
  method: "PUT",
  path: "/api/v1/courses/:courseId/quizzes/:itemId/rubrics/:questionId",
  summary:
    "Grade a manually graded question of this quiz (essay, file) with a rubric or marking guide, or with plain points (null); it cannot change once answers were graded with it",
  tags: ["quizzes"],
  params: quizParams.extend({ questionId: z.uuid() }),
  body: z.object({ rubric: RubricDefinition.nullable() }),
  response: z.object({ items: z.array(Slot) }),
});

export const Accommodation = z.object({ userId: z.uuid(), name: z.string(), extraMinutes: z.number().int(), extraAttempts: z.number().int() });

export const listAccommodations = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/quizzes/:itemId/accommodations",
  summary: "Learners given extra time or extra attempts on a quiz (teachers)",
  tags: ["quizzes"],
  params: quizParams,
  response: z.object({ items: z.array(Accommodation) }),
});

export const setAccommodation = defineContract({
  method: "PUT",
  path: "/api/v1/courses/:courseId/quizzes/:itemId/accommodations/:userId",
  summary: "Give a learner extra time or extra attempts (teachers); zero and zero removes it",
  tags: ["quizzes"],
  params: quizParams.extend({ userId: z.uuid() }),
  body: z.object({ extraMinutes: z.number().int().min(0).max(10080), extraAttempts: z.number().int().min(0).max(100) }),
  response: z.object({ items: z.array(Accommodation) }),
});

export const AttemptQuestion = z.object({
  slot: z.number().int(),
  page: z.number().int(),
  points: z.number(),
  question: PublicQuestion,
  /** what the server holds: the client's sequence number of that save and the response */
  answer: z.object({ seq: z.number().int(), response: ResponseOut.nullable(), savedAt: z.string() }).nullable(),
  /** the rubric or guide of this question: for graders, and for the learner once marks are shown */
  rubric: RubricDefinition.nullable(),
  /** after submission, as the review options allow (teachers always) */
  result: z
    .object({
      /** points earned; null: awaiting a person's grading, or marks not shown */
      points: z.number().nullable(),
      review: ReviewOut.nullable(),
      comment: z.string().nullable(),
      /** the levels (rubric) or marks (guide) chosen by the grader, with their remarks */
      rubricFill: RubricFill.nullable(),
    })
    .nullable(),
});
export type AttemptQuestion = z.infer<typeof AttemptQuestion>;

export const Attempt = AttemptSummary.extend({
  quizId: z.uuid(),
  courseId: z.uuid(),
  quizTitle: z.string(),
  courseTitle: z.string(),
  userId: z.uuid(),
  learnerName: z.string(),
  pages: z.number().int(),
  serverNow: z.string(),
  graceSeconds: z.number(),
  showMarks: z.boolean(),
  showAnswers: z.boolean(),
  /** the person looking is grading it (teacher) */
  grader: z.boolean(),
  questions: z.array(AttemptQuestion),
  log: z.array(
    z.object({
      slot: z.number().int(),
      reason: z.string(),
      oldPoints: z.number().nullable(),
      newPoints: z.number().nullable(),
      comment: z.string().nullable(),
      rubricFill: RubricFill.nullable(),
      by: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type Attempt = z.infer<typeof Attempt>;

export const startAttempt = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/quizzes/:itemId/attempts",
  summary: "Start an attempt (learners), or get back the one in progress: its questions are frozen at start",
  tags: ["quizzes"],
  params: quizParams,
  response: Attempt,
});

export const startPreview = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/quizzes/:itemId/preview",
  summary:
    "Try the quiz as a learner would (teachers, editors), whatever its dates and attempt limit: continues the preview in progress, or with fresh discards earlier previews and starts anew; previews count nowhere",
  tags: ["quizzes"],
  params: quizParams,
  body: z.object({ fresh: z.boolean().default(false) }),
  response: Attempt,
});

export const getAttempt = defineContract({
  method: "GET",
  path: "/api/v1/quiz-attempts/:attemptId",
  summary: "An attempt with its questions and saved answers (its learner; the course's teachers); an overdue one is submitted first",
  tags: ["quizzes"],
  params: attemptParams,
  response: Attempt,
});

export const saveAnswer = defineContract({
  method: "PUT",
  path: "/api/v1/quiz-attempts/:attemptId/answers/:slot",
  summary:
    "Autosave one answer, idempotent: stored only if seq is greater than the stored one; the reply gives the stored seq (the client's save is acknowledged when it is >= its own)",
  tags: ["quizzes"],
  params: attemptParams.extend({ slot: z.coerce.number().int().min(0).max(MAX_SLOTS) }),
  body: z.object({ seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), response: QuestionResponse.nullable() }),
  response: z.object({ slot: z.number().int(), seq: z.number().int(), stored: z.boolean() }),
});

export const submitAttempt = defineContract({
  method: "POST",
  path: "/api/v1/quiz-attempts/:attemptId/submit",
  summary: "Submit an attempt with its saved answers; submitting again returns the same result",
  tags: ["quizzes"],
  params: attemptParams,
  response: Attempt,
});

export const ResultRow = z.object({
  userId: z.uuid(),
  name: z.string(),
  attempts: z.array(AttemptSummary),
  grade: z.number().nullable(),
});

export const listResults = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/quizzes/:itemId/results",
  summary: "Every learner's attempts and grade (teachers)",
  tags: ["quizzes"],
  params: quizParams,
  response: z.object({ maxScore: z.number(), items: z.array(ResultRow) }),
});

export const GradingTask = z.object({
  attemptId: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  number: z.number().int(),
  slot: z.number().int(),
  points: z.number(),
  question: PublicQuestion,
  graderInfo: z.string(),
  rubric: RubricDefinition.nullable(),
  response: ResponseOut.nullable(),
  submittedAt: z.string().nullable(),
});

export const gradingQueue = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/quizzes/:itemId/grading",
  summary: "Answers waiting for a person's grading (essays, files), oldest submission first (teachers)",
  tags: ["quizzes"],
  params: quizParams,
  response: z.object({ items: z.array(GradingTask) }),
});

export const gradeAnswer = defineContract({
  method: "PUT",
  path: "/api/v1/quiz-attempts/:attemptId/grades/:slot",
  summary:
    "Grade an answer by hand or override its automatic mark (teachers): points, or a complete rubric fill when the question has a rubric (points computed, scaled to the question's points); null points remove the grade; every change is kept in the attempt's log",
  tags: ["quizzes"],
  params: attemptParams.extend({ slot: z.coerce.number().int().min(0).max(MAX_SLOTS) }),
  body: z.object({
    points: z.number().min(0).max(1000).nullable().optional(),
    rubricFill: RubricFill.optional(),
    comment: z.string().max(5000).nullish(),
  }),
  response: Attempt,
});

export const regrade = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/quizzes/:itemId/regrade",
  summary: "Use the latest version of a question in the quiz; with regradeAttempts, attempts that had an older version get the new one and are scored again",
  tags: ["quizzes"],
  params: quizParams,
  body: z.object({ questionId: z.uuid(), regradeAttempts: z.boolean() }),
  response: z.object({ slotsUpdated: z.number().int(), attemptsRegraded: z.number().int() }),
});
