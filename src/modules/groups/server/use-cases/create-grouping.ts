import type { Actor } from "../../../../kernel/auth/actor.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { GroupingInput } from "../../shared/contract.ts";
import { presentGrouping } from "../present.ts";
import type { GroupingRow } from "../repo.ts";
import { manageCourse } from "./access.ts";
import { checkGrouping, date } from "./grouping-checks.ts";

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
  checkGrouping(row);
  await k.db
    .insertInto("course_groupings")
    .values({ tenant_id: tid, course_id: courseId, ...row })
    .execute();
  return presentGrouping(row);
}
