import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { drawFromCategory, getVersions, latestVersions, markVersionsUsed } from "../../../questions/server/api.ts";
import type { QuestionVersion } from "../../../questions/shared/types.ts";
import type { Attempt } from "../../shared/contract.ts";
import { loadQuiz, userIdOf } from "../access.ts";
import { presentAttempt } from "../present.ts";
import { type AttemptRow, type FrozenQuestion, findAccommodation, listAttemptRows, listSlotRows, type QuizRow, type SlotRow } from "../repo.ts";
import { startBlock } from "./get-quiz.ts";
import { submitIfOverdue } from "./submit-attempt.ts";

const randomSeed = () => Math.floor(Math.random() * 2 ** 31);

function shuffle<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * The questions of a new attempt: fixed slots keep their version, random slots draw from their
 * category (no question twice in one attempt), questions shuffled within their page when asked.
 */
export async function freezeQuestions(
  k: Kernel,
  tid: string,
  quiz: QuizRow,
  slots: SlotRow[],
  seed: string,
): Promise<{ questions: FrozenQuestion[]; versions: Map<string, QuestionVersion> }> {
  const fixed = await getVersions(
    k.db,
    tid,
    slots.flatMap((s) => (s.version_id ? [s.version_id] : [])),
  );
  // a fixed slot whose version has gone (question deleted): its latest version, else the slot is left out
  const missing = slots.filter((s) => s.version_id && !fixed.has(s.version_id)).map((s) => s.question_id!);
  const latest = missing.length ? await latestVersions(k.db, tid, missing) : new Map<string, QuestionVersion>();
  const used = new Set([...fixed.values()].map((v) => v.questionId));
  const draws = new Map<string, QuestionVersion[]>();
  for (const categoryId of new Set(slots.flatMap((s) => (s.category_id ? [s.category_id] : [])))) {
    const need = slots.filter((s) => s.category_id === categoryId).length;
    draws.set(
      categoryId,
      (await drawFromCategory(k.db, tid, categoryId, need + used.size, seed)).filter((v) => !used.has(v.questionId)),
    );
  }
  const versions = new Map<string, QuestionVersion>();
  const chosen: FrozenQuestion[] = [];
  for (const s of slots) {
    const v = s.version_id ? (fixed.get(s.version_id) ?? latest.get(s.question_id!)) : draws.get(s.category_id!)?.shift();
    if (!v) continue;
    versions.set(v.id, v);
    chosen.push({
      slotId: s.id,
      page: s.page,
      questionId: v.questionId,
      versionId: v.id,
      type: v.type,
      points: s.points,
      seed: quiz.shuffle_answers ? randomSeed() : -1,
    });
  }
  if (!quiz.shuffle_questions) return { questions: chosen, versions };
  const pages = [...new Set(chosen.map((q) => q.page))].sort((x, y) => x - y);
  return { questions: pages.flatMap((p) => shuffle(chosen.filter((q) => q.page === p))), versions };
}

/**
 * Starts an attempt, or returns the one in progress (a second click, a second tab). The deadline is
 * the time limit plus the learner's extra time, never later than the quiz's closing.
 */
export async function startAttempt(k: Kernel, actor: Actor, courseId: string, itemId: string): Promise<Attempt> {
  const { a, quiz } = await loadQuiz(k, actor, courseId, itemId, "view");
  if (!a.isLearner) throw new AppError("quizzes.not_learner", {}, undefined, 403);
  const tid = a.course.tenant_id;
  const me = userIdOf(actor);
  const name = (actor.kind === "user" && actor.person?.givenName) || "";
  let [attempts, acc] = await Promise.all([listAttemptRows(k.db, tid, itemId, me), findAccommodation(k.db, tid, itemId, me)]);
  if (await submitIfOverdue(k, tid, attempts)) attempts = await listAttemptRows(k.db, tid, itemId, me);
  const open = attempts.find((x) => x.state === "in_progress");
  if (open) return presentAttempt(k.db, tid, open, quiz, { grader: false, learnerName: name });
  const { blocked } = startBlock(quiz, attempts, acc?.extra_attempts ?? 0);
  if (blocked) throw new AppError(`quizzes.${blocked}`, {}, undefined, 409);
  const id = newId();
  const { questions, versions } = await freezeQuestions(k, tid, quiz, await listSlotRows(k.db, tid, itemId), id);
  if (questions.length === 0) throw new AppError("quizzes.no_questions", {}, undefined, 409);
  const now = new Date();
  let deadline: Date | null = quiz.time_limit_s === null ? null : new Date(now.getTime() + (quiz.time_limit_s + (acc?.extra_time_s ?? 0)) * 1000);
  if (quiz.closes_at && (!deadline || new Date(quiz.closes_at) < deadline)) deadline = new Date(quiz.closes_at);
  const row = {
    tenant_id: tid,
    id,
    quiz_id: itemId,
    course_id: courseId,
    user_id: me,
    number: Math.max(0, ...attempts.map((x) => x.number)) + 1,
    started_at: now,
    deadline,
    questions: JSON.stringify(questions),
    max_score: questions.reduce((s, q) => s + q.points, 0),
  };
  try {
    await k.db.insertInto("quiz_attempts").values(row).execute();
  } catch (e) {
    // two starts at once: the other one won, continue that attempt
    if ((e as { code?: string }).code !== "23505") throw e;
    const again = (await listAttemptRows(k.db, tid, itemId, me)).find((x) => x.state === "in_progress");
    if (!again) throw e;
    return presentAttempt(k.db, tid, again, quiz, { grader: false, learnerName: name });
  }
  await markVersionsUsed(k.db, tid, [...versions.keys()]);
  k.record({
    tenantId: tid,
    actorId: me,
    verb: "started",
    objectType: "quiz-attempt",
    objectId: id,
    context: { quizId: itemId, courseId, number: row.number },
  });
  const attempt: AttemptRow = {
    ...row,
    state: "in_progress",
    submitted_at: null,
    auto_submitted: false,
    score: null,
    needs_grading: false,
    preview: false,
    questions,
  };
  return presentAttempt(k.db, tid, attempt, quiz, { grader: false, learnerName: name, answers: [], versions });
}
