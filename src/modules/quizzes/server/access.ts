import type { Actor } from "../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../kernel/errors.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { type CourseAccess, loadCourse, requireCourse } from "../../courses/server/access.ts";
import { type AttemptRow, findAttempt, findQuiz, type QuizRow } from "./repo.ts";

export const userIdOf = (actor: Actor) => {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  return actor.userId;
};

/** The course (404 when invisible, 403 without `need`) and its quiz item (404 when not a quiz of that course). */
export async function loadQuiz(
  k: Kernel,
  actor: Actor,
  courseId: string,
  itemId: string,
  need: "view" | "edit" | "teach",
): Promise<{ a: CourseAccess; quiz: QuizRow }> {
  const a = await loadCourse(k.db, actor, courseId);
  const quiz = await findQuiz(k.db, a.course.tenant_id, courseId, itemId);
  if (!quiz) throw notFound();
  requireCourse(a, need);
  return { a, quiz };
}

/**
 * An attempt for its learner, or for a teacher of its course; anyone else gets 404 (another
 * learner's attempt, another platform's).
 */
export async function loadAttempt(
  k: Kernel,
  actor: Actor,
  attemptId: string,
  need: "own-or-teach" | "teach" = "own-or-teach",
): Promise<{ attempt: AttemptRow; grader: boolean }> {
  const me = userIdOf(actor);
  const attempt = await findAttempt(k.db, actor.tenant!.id, attemptId);
  if (!attempt) throw notFound();
  if (attempt.user_id === me && need === "own-or-teach") return { attempt, grader: false };
  const a = await loadCourse(k.db, actor, attempt.course_id).catch(() => null);
  if (!a?.canTeach) throw notFound();
  return { attempt, grader: true };
}
