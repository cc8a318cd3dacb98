import type { Actor } from "../../../../kernel/auth/actor.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { addMembers, courseLearners } from "../repo.ts";
import { checkGroupingId, checkLearners, groupView, manageCourse } from "./access.ts";

export async function createGroup(k: Kernel, actor: Actor, courseId: string, input: { name: string; groupingId?: string | null; userIds: string[] }) {
  const { tid, me } = await manageCourse(k, actor, courseId);
  await checkGroupingId(k, tid, courseId, input.groupingId);
  if (input.userIds.length) checkLearners(new Set((await courseLearners(k.db, tid, courseId)).map((l) => l.id)), input.userIds);
  const row = { id: newId(), name: input.name, grouping_id: input.groupingId ?? null, course_id: courseId };
  await k.db
    .insertInto("course_groups")
    .values({ tenant_id: tid, ...row })
    .execute();
  await addMembers(k.db, tid, courseId, row.id, input.userIds);
  return groupView(k, tid, courseId, row, me);
}
