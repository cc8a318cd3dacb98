import { sql } from "kysely";
import type { UserActor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { afterProgress } from "../effects.ts";

/**
 * For the course item page (courses module): a learner opened an item. Sets viewed_at the first
 * time (one statement); when the item completes on view, records `completed` and checks the
 * course. Costs one statement on later views.
 */
export async function recordItemView(
  k: Kernel,
  actor: UserActor,
  item: { id: string; course_id: string; completion: "none" | "viewed" | "done" | "graded" },
  opts: { isLearner: boolean },
) {
  const tenantId = actor.tenant.id;
  const r = await sql<{ first: boolean }>`
    insert into item_progress (tenant_id, item_id, user_id, course_id, viewed_at, updated_at)
    values (${tenantId}, ${item.id}, ${actor.userId}, ${item.course_id}, now(), now())
    on conflict (tenant_id, item_id, user_id) do update set viewed_at = coalesce(item_progress.viewed_at, excluded.viewed_at), updated_at = now()
    returning (xmax = 0 or item_progress.viewed_at = item_progress.updated_at) as first`.execute(k.db);
  const first = !!r.rows[0]?.first;
  if (first && opts.isLearner && item.completion === "viewed") {
    k.record({ tenantId, actorId: actor.userId, verb: "completed", objectType: "item", objectId: item.id, context: { courseId: item.course_id } });
    await afterProgress(k, actor, item.course_id);
  }
}

/**
 * For a caller that has already recorded the view itself (the courses module's item page): the
 * first view of an item completed on view records `completed` and may complete the course.
 */
export async function afterFirstView(k: Kernel, actor: UserActor, item: { id: string; course_id: string; completion: "none" | "viewed" | "done" | "graded" }) {
  if (item.completion !== "viewed") return;
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "completed", objectType: "item", objectId: item.id, context: { courseId: item.course_id } });
  await afterProgress(k, actor, item.course_id);
}
