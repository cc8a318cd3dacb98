import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/index.ts";
import { refreshRating } from "../stats.ts";

/**
 * Admins of the course's organisation hide a review (with a reason) or show it again (its flags
 * dismissed). Not the course's teachers: they should not choose which opinions of their course
 * are read. Logged in the moderators' log.
 */
export async function moderateReview(k: Kernel, actor: Actor, courseId: string, reviewId: string, input: { action: "hide" | "show"; reason: string }) {
  const a = await loadCourse(k.db, actor, courseId);
  if (!a.orgAdmin || actor.kind !== "user") throw new AppError("forbidden");
  if (input.action === "hide" && !input.reason) throw new AppError("validation", {}, { reason: { code: "moderation.reason_required" } });
  const tid = actor.tenant.id;
  return k.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("course_reviews")
      .set(input.action === "hide" ? { status: "hidden", hidden_reason: input.reason } : { status: "visible", hidden_reason: null, flag_count: 0 })
      .where("tenant_id", "=", tid)
      .where("course_id", "=", courseId)
      .where("id", "=", reviewId)
      .returning("user_id")
      .executeTakeFirst();
    if (!r) throw notFound();
    if (input.action === "show") await trx.deleteFrom("course_review_flags").where("tenant_id", "=", tid).where("review_id", "=", reviewId).execute();
    await trx
      .insertInto("forum_mod_log")
      .values({ tenant_id: tid, id: newId(), forum_id: null, post_id: reviewId, target_user_id: r.user_id, moderator_id: actor.userId, action: `review_${input.action}`, reason: input.reason, until: null })
      .execute();
    return refreshRating(trx, tid, courseId);
  });
}
