import { randomInt } from "node:crypto";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { invalid } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { presentGroup } from "../present.ts";
import { courseLearners, listGroupRows, memberRows } from "../repo.ts";
import { manageCourse } from "./access.ts";

type Input = { mode: "count" | "size"; n: number; order: "random" | "name"; prefix: string; groupingName?: string | null; onlyUngrouped: boolean };

/** Sizes as even as possible: `total` people in `groups` groups (the first ones get one more). */
export function evenSizes(total: number, groups: number): number[] {
  return Array.from({ length: groups }, (_, i) => Math.floor(total / groups) + (i < total % groups ? 1 : 0));
}

/**
 * Shares the learners into N groups, or into groups of at most N (as many as needed, sizes kept
 * even), shuffled or in name order (consecutive names together). Names continue the numbering
 * of groups already called "<prefix> <number>". One transaction.
 */
export async function autoCreateGroups(k: Kernel, actor: Actor, courseId: string, input: Input) {
  const { tid, me } = await manageCourse(k, actor, courseId);
  const [learners, existing, members] = await Promise.all([
    courseLearners(k.db, tid, courseId),
    listGroupRows(k.db, tid, courseId),
    input.onlyUngrouped ? memberRows(k.db, tid, courseId) : Promise.resolve([]),
  ]);
  const grouped = new Set(members.map((m) => m.user_id));
  const people = learners.filter((l) => !grouped.has(l.id));
  if (people.length === 0) throw invalid({ n: { code: "groups.no_learners" } });
  if (input.order === "random") {
    for (let i = people.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [people[i], people[j]] = [people[j], people[i]];
    }
  }
  const count = input.mode === "count" ? input.n : Math.ceil(people.length / input.n);
  if (count > 500) throw invalid({ n: { code: "groups.too_many_groups", params: { maximum: 500 } } });
  const sizes = evenSizes(people.length, count);
  const taken = new Set(existing.map((g) => g.name));
  let no = 0;
  const nextName = () => {
    let name: string;
    do name = `${input.prefix} ${++no}`;
    while (taken.has(name));
    return name;
  };
  const groupingId = input.groupingName ? newId() : null;
  const groups = sizes.map((size, i) => {
    const start = sizes.slice(0, i).reduce((a, b) => a + b, 0);
    return { id: newId(), name: nextName(), grouping_id: groupingId, course_id: courseId, people: people.slice(start, start + size) };
  });
  await k.db.transaction().execute(async (trx) => {
    if (groupingId)
      await trx.insertInto("course_groupings").values({ tenant_id: tid, id: groupingId, course_id: courseId, name: input.groupingName! }).execute();
    await trx
      .insertInto("course_groups")
      .values(groups.map((g) => ({ tenant_id: tid, id: g.id, course_id: courseId, grouping_id: g.grouping_id, name: g.name })))
      .execute();
    const rows = groups.flatMap((g) => g.people.map((p) => ({ tenant_id: tid, group_id: g.id, user_id: p.id, course_id: courseId })));
    if (rows.length) await trx.insertInto("group_members").values(rows).execute();
  });
  k.record({
    tenantId: tid,
    actorId: me.userId,
    verb: "created-groups",
    objectType: "course",
    objectId: courseId,
    context: { count, mode: input.mode, order: input.order },
  });
  return {
    groupingId,
    groups: groups.map((g) =>
      presentGroup(
        g,
        g.people.map((p) => ({ user_id: p.id, name: p.name })),
        { userId: me.userId, seesAll: true },
      ),
    ),
  };
}
