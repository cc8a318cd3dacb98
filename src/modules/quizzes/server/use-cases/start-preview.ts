import type { Insertable } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { QuizAttemptsTable } from "../../../../kernel/db/schema.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { Attempt } from "../../shared/contract.ts";
import { loadQuiz, userIdOf } from "../access.ts";
import { presentAttempt } from "../present.ts";
import { type AttemptRow, listAttemptRows, listSlotRows } from "../repo.ts";
import { freezeQuestions } from "./start-attempt.ts";

/**
 * A teacher or editor tries the quiz as a learner would: the same frozen questions, time limit,
 * autosave, submission and review (as the review options allow), but whatever the dates and the
 * attempt limit, and flagged `preview` so that it counts nowhere (results, grading queue,
 * gradebook, completion, events). The preview in progress is continued; `fresh` (or a preview
 * already submitted) discards the person's earlier previews and starts anew.
 */
export async function startPreview(k: Kernel, actor: Actor, courseId: string, itemId: string, fresh: boolean): Promise<Attempt> {
  const { a, quiz } = await loadQuiz(k, actor, courseId, itemId, "view");
  if (!a.canTeach && !a.canEdit) throw new AppError("forbidden");
  const tid = a.course.tenant_id;
  const me = userIdOf(actor);
  const name = (actor.kind === "user" && actor.person?.givenName) || "";
  const previews = await listAttemptRows(k.db, tid, itemId, me, true);
  const open = previews.find((x) => x.state === "in_progress");
  if (open && !fresh) return presentAttempt(k.db, tid, open, quiz, { grader: false, learnerName: name });
  const { questions, versions } = await freezeQuestions(k, tid, quiz, await listSlotRows(k.db, tid, itemId), newId());
  if (questions.length === 0) throw new AppError("quizzes.no_questions", {}, undefined, 409);
  const now = new Date();
  const row = {
    tenant_id: tid,
    id: newId(),
    quiz_id: itemId,
    course_id: courseId,
    user_id: me,
    number: 1,
    started_at: now,
    // the time limit applies; the closing date does not (a teacher prepares the quiz after or before it)
    deadline: quiz.time_limit_s === null ? null : new Date(now.getTime() + quiz.time_limit_s * 1000),
    questions: JSON.stringify(questions),
    max_score: questions.reduce((s, q) => s + q.points, 0),
    preview: true,
  };
  try {
    await insertPreview(k, tid, itemId, me, row);
  } catch (e) {
    // the person also has an attempt of their own in progress (one running attempt per person)
    if ((e as { code?: string }).code === "23505") throw new AppError("conflict", {}, undefined, 409);
    throw e;
  }
  const attempt: AttemptRow = { ...row, state: "in_progress", submitted_at: null, auto_submitted: false, score: null, needs_grading: false, questions };
  return presentAttempt(k.db, tid, attempt, quiz, { grader: false, learnerName: name, answers: [], versions });
}

/** Discards the person's earlier previews and stores the new one, numbered after every attempt they have. */
async function insertPreview(k: Kernel, tid: string, itemId: string, me: string, row: Insertable<QuizAttemptsTable> & { number: number }) {
  await k.db.transaction().execute(async (trx) => {
    // earlier previews (their answers and files' references with them) are discarded
    await trx
      .deleteFrom("quiz_attempts")
      .where("tenant_id", "=", tid)
      .where("quiz_id", "=", itemId)
      .where("user_id", "=", me)
      .where("preview", "=", true)
      .execute();
    // a teacher who also took the quiz as a learner keeps their attempt numbers
    const last = await trx
      .selectFrom("quiz_attempts")
      .select((eb) => eb.fn.max("number").as("n"))
      .where("tenant_id", "=", tid)
      .where("quiz_id", "=", itemId)
      .where("user_id", "=", me)
      .executeTakeFirst();
    row.number = Number(last?.n ?? 0) + 1;
    await trx.insertInto("quiz_attempts").values(row).execute();
  });
}
