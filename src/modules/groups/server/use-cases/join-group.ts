import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { selectionOpen } from "../present.ts";
import { findGrouping } from "../repo.ts";
import { groupOr404, groupView } from "./access.ts";

/**
 * A learner chooses a group of a self-selection grouping while it is open and the group has
 * room; they leave any other group of that grouping in the same transaction. The group's row
 * is locked so two learners cannot both take its last place.
 */
export async function joinGroup(k: Kernel, actor: Actor, courseId: string, groupId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "view");
  if (!a.isLearner) throw new AppError("forbidden");
  const me = actor as UserActor;
  const tid = a.course.tenant_id;
  const g = await groupOr404(k, tid, courseId, groupId);
  const grouping = g.grouping_id ? await findGrouping(k.db, tid, courseId, g.grouping_id) : undefined;
  if (!grouping?.self_select) throw notFound();
  if (!selectionOpen(grouping)) throw new AppError("groups.selection_closed", {}, undefined, 409);
  await k.db.transaction().execute(async (trx) => {
    await trx.selectFrom("course_groups").select("id").where("tenant_id", "=", tid).where("id", "=", groupId).forUpdate().execute();
    const n = await trx
      .selectFrom("group_members")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("tenant_id", "=", tid)
      .where("group_id", "=", groupId)
      .where("user_id", "<>", me.userId)
      .executeTakeFirstOrThrow();
    if (grouping.max_members !== null && Number(n.n) >= grouping.max_members)
      throw new AppError("groups.group_full", { maximum: grouping.max_members }, undefined, 409);
    await trx
      .deleteFrom("group_members")
      .where("tenant_id", "=", tid)
      .where("user_id", "=", me.userId)
      .where("group_id", "<>", groupId)
      .where("group_id", "in", (eb) => eb.selectFrom("course_groups").select("id").where("tenant_id", "=", tid).where("grouping_id", "=", grouping.id))
      .execute();
    await trx
      .insertInto("group_members")
      .values({ tenant_id: tid, group_id: groupId, user_id: me.userId, course_id: courseId })
      .onConflict((oc) => oc.columns(["tenant_id", "group_id", "user_id"]).doNothing())
      .execute();
  });
  k.record({ tenantId: tid, actorId: me.userId, verb: "joined-group", objectType: "course-group", objectId: groupId, context: { courseId } });
  return groupView(k, tid, courseId, g, me, false);
}
