import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/index.ts";
import { refreshRating } from "../stats.ts";

/** A learner enrolled in the course rates it (1–5) with an optional text; saving again changes it. */
export async function saveMyReview(k: Kernel, actor: Actor, courseId: string, input: { stars: number; body: string }) {
  const a = await loadCourse(k.db, actor, courseId);
  if (!a.isLearner || actor.kind !== "user") throw new AppError("reviews.learners_only", {}, undefined, 403);
  const tid = actor.tenant.id;
  const { id, stats } = await k.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("course_reviews")
      .values({ tenant_id: tid, id: newId(), course_id: courseId, user_id: actor.userId, stars: input.stars, body: input.body, hidden_reason: null, reply: null, reply_by: null, reply_at: null })
      .onConflict((oc) => oc.columns(["tenant_id", "course_id", "user_id"]).doUpdateSet({ stars: input.stars, body: input.body, updated_at: sql`now()` }))
      .returning("id")
      .executeTakeFirstOrThrow();
    return { id: row.id, stats: await refreshRating(trx, tid, courseId) };
  });
  k.record({ tenantId: tid, actorId: actor.userId, verb: "rated", objectType: "course", objectId: courseId, context: { stars: input.stars } });
  return { id, ...stats };
}
