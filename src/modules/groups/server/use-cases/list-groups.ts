import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import type { GroupsPage } from "../../shared/contract.ts";
import { presentGroup, presentGrouping } from "../present.ts";
import { courseLearners, listGroupings, listGroupRows, memberRows } from "../repo.ts";

/**
 * The groups page: teachers (and assistants) see every group with its members and the course's
 * learners; a learner sees the groups of self-selection groupings (sizes only) and their own
 * groups with their members. Other groups stay hidden from learners.
 */
export async function listGroups(k: Kernel, actor: Actor, courseId: string): Promise<GroupsPage> {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "view");
  const me = actor as UserActor;
  const tid = a.course.tenant_id;
  const [groupings, groups, members] = await Promise.all([
    listGroupings(k.db, tid, courseId),
    listGroupRows(k.db, tid, courseId),
    memberRows(k.db, tid, courseId),
  ]);
  const byGroup = new Map<string, { user_id: string; name: string }[]>();
  for (const m of members) byGroup.set(m.group_id, [...(byGroup.get(m.group_id) ?? []), m]);
  const selfSelect = new Set(groupings.filter((g) => g.self_select).map((g) => g.id));
  const now = new Date();
  const view = groups
    .map((g) => presentGroup(g, byGroup.get(g.id) ?? [], { userId: me.userId, seesAll: a.canTeach }))
    .filter((g) => a.canTeach || g.mine || (g.groupingId && selfSelect.has(g.groupingId)));
  const visibleGroupings = a.canTeach ? groupings : groupings.filter((gg) => view.some((g) => g.groupingId === gg.id));
  return {
    course: { id: a.course.id, title: a.course.title },
    canManage: a.canEdit,
    isLearner: a.isLearner,
    groupings: visibleGroupings.map((g) => presentGrouping(g, now)),
    groups: view,
    learners: a.canTeach ? (await courseLearners(k.db, tid, courseId)).map((l) => ({ id: l.id, name: l.name })) : [],
  };
}
