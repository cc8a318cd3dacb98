import type { Actor } from "../../../../kernel/auth/actor.ts";
import { invalid, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { GroupingInput } from "../../shared/contract.ts";
import { presentGrouping } from "../present.ts";
import { findGrouping, type GroupingRow } from "../repo.ts";
import { manageCourse } from "./access.ts";

const date = (s: string | null | undefined) => (s ? new Date(s) : null);

function check(g: GroupingRow) {
  if (g.opens_at && g.closes_at && g.closes_at <= g.opens_at) throw invalid({ closesAt: { code: "groups.closes_before_opens" } });
}

export async function createGrouping(k: Kernel, actor: Actor, courseId: string, input: GroupingInput) {
  const { tid } = await manageCourse(k, actor, courseId);
  const row: GroupingRow = {
    id: newId(),
    name: input.name,
    self_select: input.selfSelect,
    max_members: input.maxMembers ?? null,
    opens_at: date(input.opensAt),
    closes_at: date(input.closesAt),
  };
  check(row);
  await k.db
    .insertInto("course_groupings")
    .values({ tenant_id: tid, course_id: courseId, ...row })
    .execute();
  return presentGrouping(row);
}

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
  check(next);
  const { id, ...cols } = next;
  await k.db.updateTable("course_groupings").set(cols).where("tenant_id", "=", tid).where("id", "=", id).execute();
  return presentGrouping(next);
}

export async function deleteGrouping(k: Kernel, actor: Actor, courseId: string, groupingId: string) {
  const { tid } = await manageCourse(k, actor, courseId);
  if (!(await findGrouping(k.db, tid, courseId, groupingId))) throw notFound();
  await k.db.deleteFrom("course_groupings").where("tenant_id", "=", tid).where("id", "=", groupingId).execute();
}
