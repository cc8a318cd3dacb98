import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { selectionOpen } from "../present.ts";
import { findGrouping } from "../repo.ts";
import { groupOr404 } from "./access.ts";

/** A learner leaves a group they chose, while the grouping's self-selection is open. */
export async function leaveGroup(k: Kernel, actor: Actor, courseId: string, groupId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "view");
  const me = actor as UserActor;
  const tid = a.course.tenant_id;
  const g = await groupOr404(k, tid, courseId, groupId);
  const grouping = g.grouping_id ? await findGrouping(k.db, tid, courseId, g.grouping_id) : undefined;
  if (!grouping?.self_select) throw notFound();
  if (!selectionOpen(grouping)) throw new AppError("groups.selection_closed", {}, undefined, 409);
  await k.db.deleteFrom("group_members").where("tenant_id", "=", tid).where("group_id", "=", groupId).where("user_id", "=", me.userId).execute();
}
