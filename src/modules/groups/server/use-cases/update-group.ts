import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { checkGroupingId, groupOr404, groupView, manageCourse } from "./access.ts";

export async function updateGroup(k: Kernel, actor: Actor, courseId: string, groupId: string, input: { name?: string; groupingId?: string | null }) {
  const { tid, me } = await manageCourse(k, actor, courseId);
  const g = await groupOr404(k, tid, courseId, groupId);
  await checkGroupingId(k, tid, courseId, input.groupingId);
  const patch = { ...(input.name !== undefined && { name: input.name }), ...(input.groupingId !== undefined && { grouping_id: input.groupingId ?? null }) };
  if (Object.keys(patch).length) await k.db.updateTable("course_groups").set(patch).where("tenant_id", "=", tid).where("id", "=", groupId).execute();
  return groupView(k, tid, courseId, { ...g, ...patch }, me);
}
