import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { GroupingInput } from "../../shared/contract.ts";
import { presentGrouping } from "../present.ts";
import { findGrouping, type GroupingRow } from "../repo.ts";
import { manageCourse } from "./access.ts";
import { checkGrouping, date } from "./grouping-checks.ts";

export async function updateGrouping(k: Kernel, actor: Actor, courseId: string, groupingId: string, input: Partial<GroupingInput>) {
  const { tid } = await manageCourse(k, actor, courseId);
  const cur = await findGrouping(k.db, tid, courseId, groupingId);
  if (!cur) throw notFound();
  const next: GroupingRow = {
    ...cur,
    ...(input.name !== undefined && { name: input.name }),
    ...(input.selfSelect !== undefined && { self_select: input.selfSelect }),
    ...(input.maxMembers !== undefined && { max_members: input.maxMembers ?? null }),
    ...(input.opensAt !== undefined && { opens_at: date(input.opensAt) }),
    ...(input.closesAt !== undefined && { closes_at: date(input.closesAt) }),
  };
  checkGrouping(next);
  const { id, ...cols } = next;
  await k.db.updateTable("course_groupings").set(cols).where("tenant_id", "=", tid).where("id", "=", id).execute();
  return presentGrouping(next);
}
