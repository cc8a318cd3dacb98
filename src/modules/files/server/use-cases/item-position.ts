import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/index.ts";

/**
 * Where a learner stopped in a video item: one upsert keyed by (item, learner), so repeating the
 * call is harmless. Only the course's learners keep a position (teachers previewing do not).
 * Two statements: the course with the actor's roles, then the upsert (which also checks the item
 * is a video of this course: no row written means no such item, 404).
 */
export async function saveItemPosition(k: Kernel, actor: Actor, courseId: string, itemId: string, seconds: number) {
  const access = await loadCourse(k.db, actor, courseId);
  if (!access.isLearner) throw new AppError("forbidden");
  const tenantId = access.course.tenant_id;
  const userId = (actor as { userId: string }).userId;
  const rounded = Math.round(seconds * 10) / 10;
  const row = await k.db
    .insertInto("item_progress")
    .columns(["tenant_id", "item_id", "user_id", "course_id", "position_seconds"])
    .expression((eb) =>
      eb
        .selectFrom("course_items")
        .select((s) => ["tenant_id", "id", s.val(userId).as("user_id"), "course_id", s.val(rounded).as("position_seconds")])
        .where("tenant_id", "=", tenantId)
        .where("id", "=", itemId)
        .where("course_id", "=", courseId)
        .where("kind", "=", "video"),
    )
    .onConflict((oc) =>
      oc.columns(["tenant_id", "item_id", "user_id"]).doUpdateSet((eb) => ({ position_seconds: eb.ref("excluded.position_seconds"), updated_at: new Date() })),
    )
    .returning("position_seconds")
    .executeTakeFirst();
  if (!row) throw new AppError("not_found");
  return { seconds: row.position_seconds };
}

export async function getItemPosition(k: Kernel, actor: Actor, courseId: string, itemId: string) {
  const access = await loadCourse(k.db, actor, courseId);
  if (!access.isLearner) return { seconds: null };
  const row = await k.db
    .selectFrom("item_progress")
    .select("position_seconds")
    .where("tenant_id", "=", access.course.tenant_id)
    .where("item_id", "=", itemId)
    .where("course_id", "=", courseId)
    .where("user_id", "=", (actor as { userId: string }).userId)
    .executeTakeFirst();
  return { seconds: row?.position_seconds ?? null };
}
