import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/index.ts";
import { FLAGS_TO_HIDE } from "../../../forums/shared/contract.ts";
import { refreshRating } from "../stats.ts";

/**
 * Anyone who sees the course reports a review (once each). At FLAGS_TO_HIDE reports it is hidden
 * until an admin of the course's node looks at it, and leaves the average meanwhile.
 */
export async function flagReview(k: Kernel, actor: Actor, courseId: string, reviewId: string, reason: string) {
  await loadCourse(k.db, actor, courseId);
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const tid = actor.tenant.id;
  const review = await k.db
    .selectFrom("course_reviews")
    .select(["id", "user_id", "status"])
    .where("tenant_id", "=", tid)
    .where("course_id", "=", courseId)
    .where("id", "=", reviewId)
    .executeTakeFirst();
  if (!review || review.status !== "visible") throw notFound();
  if (review.user_id === actor.userId) throw new AppError("moderation.own_post", {}, undefined, 422);
  await k.db.transaction().execute(async (trx) => {
    const ins = await trx
      .insertInto("course_review_flags")
      .values({ tenant_id: tid, review_id: reviewId, user_id: actor.userId, reason })
      .onConflict((oc) => oc.doNothing())
      .returning("review_id")
      .executeTakeFirst();
    if (!ins) throw new AppError("moderation.already_flagged", {}, undefined, 409);
    const r = await trx
      .updateTable("course_reviews")
      .set({ flag_count: sql`flag_count + 1`, status: sql`case when flag_count + 1 >= ${FLAGS_TO_HIDE} then 'hidden' else status end` })
      .where("tenant_id", "=", tid)
      .where("id", "=", reviewId)
      .returning("status")
      .executeTakeFirstOrThrow();
    if (r.status === "hidden") await refreshRating(trx, tid, courseId);
  });
  return { ok: true as const };
}
