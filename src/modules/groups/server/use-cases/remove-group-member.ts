import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { groupOr404, manageCourse } from "./access.ts";

export async function removeGroupMember(k: Kernel, actor: Actor, courseId: string, groupId: string, userId: string) {
  const { tid } = await manageCourse(k, actor, courseId);
  await groupOr404(k, tid, courseId, groupId);
  await k.db.deleteFrom("group_members").where("tenant_id", "=", tid).where("group_id", "=", groupId).where("user_id", "=", userId).execute();
}
