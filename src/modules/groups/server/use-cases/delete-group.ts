import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { groupOr404, manageCourse } from "./access.ts";

/** Deleting a group deletes its group submissions too (cascade): the interface asks for confirmation. */
export async function deleteGroup(k: Kernel, actor: Actor, courseId: string, groupId: string) {
  const { tid } = await manageCourse(k, actor, courseId);
  await groupOr404(k, tid, courseId, groupId);
  await k.db.deleteFrom("course_groups").where("tenant_id", "=", tid).where("id", "=", groupId).execute();
}
