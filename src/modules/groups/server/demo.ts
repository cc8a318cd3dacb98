import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";

/** Demo: a "Project teams" grouping of the course with learners shared into teams of three. Returns the grouping and its groups. */
export async function loadGroupsDemo(k: Kernel, opts: { tenantId: string; courseId: string; learnerIds: string[] }) {
  const tid = opts.tenantId;
  const groupingId = newId();
  await k.db
    .insertInto("course_groupings")
    .values({ tenant_id: tid, id: groupingId, course_id: opts.courseId, name: "Équipes de projet", self_select: true, max_members: 3 })
    .execute();
  const groups: { id: string; name: string; members: string[] }[] = [];
  const count = Math.max(1, Math.ceil(opts.learnerIds.length / 3));
  for (let i = 0; i < count; i++) groups.push({ id: newId(), name: `Équipe ${i + 1}`, members: opts.learnerIds.slice(i * 3, i * 3 + 3) });
  await k.db
    .insertInto("course_groups")
    .values(groups.map((g) => ({ tenant_id: tid, id: g.id, course_id: opts.courseId, grouping_id: groupingId, name: g.name })))
    .execute();
  const rows = groups.flatMap((g) => g.members.map((user_id) => ({ tenant_id: tid, group_id: g.id, user_id, course_id: opts.courseId })));
  if (rows.length) await k.db.insertInto("group_members").values(rows).execute();
  return { groupingId, groups };
}
