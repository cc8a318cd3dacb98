import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { addMembers, courseLearners } from "../repo.ts";
import { checkLearners, groupOr404, groupView, manageCourse } from "./access.ts";

/** Adds learners to a group at any time (already-members are left as they are). */
export async function addGroupMembers(k: Kernel, actor: Actor, courseId: string, groupId: string, userIds: string[]) {
  const { tid, me } = await manageCourse(k, actor, courseId);
  const g = await groupOr404(k, tid, courseId, groupId);
  checkLearners(new Set((await courseLearners(k.db, tid, courseId)).map((l) => l.id)), userIds);
  await addMembers(k.db, tid, courseId, groupId, [...new Set(userIds)]);
  k.record({ tenantId: tid, actorId: me.userId, verb: "added-to-group", objectType: "course-group", objectId: groupId, context: { courseId, userIds } });
  return groupView(k, tid, courseId, g, me);
}
