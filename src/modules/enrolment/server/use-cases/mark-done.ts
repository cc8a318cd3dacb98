import { sql } from "kysely";
import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { isComplete, progressOf } from "../completion.ts";
import { afterProgress } from "../effects.ts";
import { itemsOf, progressOfUser } from "../repo.ts";
import { myProgress } from "./get-my-progress.ts";

/**
 * A learner marks an item done, or undoes it; both idempotent. The item must be open to them
 * (its condition met). Completing it records a `completed` event once, and may complete the course.
 */
export async function setDone(k: Kernel, actor: Actor, courseId: string, itemId: string, done: boolean) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "view");
  const me = actor as UserActor;
  if (!a.isLearner) throw new AppError("enrolment.not_learner", {}, undefined, 403);
  const tenantId = me.tenant.id;
  const [items, progress] = await Promise.all([itemsOf(k.db, tenantId, [courseId]), progressOfUser(k.db, tenantId, me.userId, [courseId])]);
  const item = items.find((i) => i.id === itemId);
  if (!item) throw notFound();
  if (item.completion === "none") throw new AppError("enrolment.no_rule", {}, undefined, 422);
  // a graded item completes from its grade only (gradebook), never by hand
  if (item.completion === "graded") throw new AppError("gradebook.graded_item", {}, undefined, 422);
  const state = progressOf(items, progress, me).states.find((s) => s.id === itemId)!;
  if (!state.available) throw new AppError("enrolment.item_locked", {}, undefined, 409);
  const before = progress.find((p) => p.item_id === itemId);
  const wasDone = !!before?.done_at;
  if (done !== wasDone) {
    const now = new Date();
    await sql`
      insert into item_progress (tenant_id, item_id, user_id, course_id, done_at, updated_at)
      values (${tenantId}, ${itemId}, ${me.userId}, ${courseId}, ${done ? now : null}, ${now})
      on conflict (tenant_id, item_id, user_id) do update set done_at = excluded.done_at, updated_at = excluded.updated_at`.execute(k.db);
    const after = { item_id: itemId, course_id: courseId, viewed_at: before?.viewed_at ?? null, done_at: done ? now : null };
    const next = [...progress.filter((p) => p.item_id !== itemId), after];
    if (done && !isComplete(item, before))
      k.record({ tenantId, actorId: me.userId, verb: "completed", objectType: "item", objectId: itemId, context: { courseId } });
    await afterProgress(k, me, courseId, { items, progress: next });
  }
  return myProgress(k, me, a);
}
