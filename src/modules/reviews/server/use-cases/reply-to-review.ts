import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/index.ts";

/** The course's teachers answer a review publicly; an empty text removes the answer. */
export async function replyToReview(k: Kernel, actor: Actor, courseId: string, reviewId: string, text: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "teach");
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const r = await k.db
    .updateTable("course_reviews")
    .set(text ? { reply: text, reply_by: actor.userId, reply_at: new Date() } : { reply: null, reply_by: null, reply_at: null })
    .where("tenant_id", "=", actor.tenant.id)
    .where("course_id", "=", courseId)
    .where("id", "=", reviewId)
    .returning("id")
    .executeTakeFirst();
  if (!r) throw notFound();
  return { ok: true as const };
}
