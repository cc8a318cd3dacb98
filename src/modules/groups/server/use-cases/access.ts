import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, invalid, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { type CourseAccess, loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { presentGroup } from "../present.ts";
import { findGrouping, findGroupRow, memberRows } from "../repo.ts";

/** The course's groups are managed by those who edit the course (teachers, managers, branch admins). */
export async function manageCourse(k: Kernel, actor: Actor, courseId: string): Promise<CourseAccess & { tid: string; me: UserActor }> {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "edit");
  return Object.assign(a, { tid: a.course.tenant_id, me: actor as UserActor });
}

export async function groupOr404(k: Kernel, tid: string, courseId: string, groupId: string) {
  const g = await findGroupRow(k.db, tid, courseId, groupId);
  if (!g) throw notFound();
  return g;
}

/** A grouping id given in input must be one of the course's (422 on the field otherwise). */
export async function checkGroupingId(k: Kernel, tid: string, courseId: string, groupingId: string | null | undefined, field = "groupingId") {
  if (!groupingId) return;
  if (!(await findGrouping(k.db, tid, courseId, groupingId))) throw invalid({ [field]: { code: "groups.grouping_unknown" } });
}

/** People added to a group must be active learners of the course. */
export function checkLearners(learnerIds: Set<string>, userIds: string[]) {
  const bad = userIds.find((u) => !learnerIds.has(u));
  if (bad) throw new AppError("validation", {}, { userIds: { code: "groups.not_learner" } });
}

export async function groupView(
  k: Kernel,
  tid: string,
  courseId: string,
  g: { id: string; name: string; grouping_id: string | null },
  me: UserActor,
  seesAll = true,
) {
  const members = await memberRows(k.db, tid, courseId, [g.id]);
  return presentGroup(g, members, { userId: me.userId, seesAll });
}
