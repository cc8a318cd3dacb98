import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { type CourseAccess, loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { progressOf } from "../completion.ts";
import { afterProgress } from "../effects.ts";
import { findMember, itemsOf, progressOfUser } from "../repo.ts";
import type { MyProgress } from "../../shared/contract.ts";

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Each item's completion and availability for the actor, and their course progress (four queries). */
export async function myProgress(k: Kernel, actor: UserActor, a: CourseAccess): Promise<MyProgress> {
  const tenantId = actor.tenant.id;
  const [items, progress, member] = await Promise.all([
    itemsOf(k.db, tenantId, [a.course.id]),
    progressOfUser(k.db, tenantId, actor.userId, [a.course.id]),
    a.isLearner ? findMember(k.db, tenantId, a.course.id, actor.userId) : Promise.resolve(undefined),
  ]);
  const p = progressOf(items, progress, actor, { teacher: a.canTeach && !a.isLearner });
  // the last item may have been completed by a view the courses module recorded: complete the course now
  if (member && !member.completed_at && p.total > 0 && p.completed === p.total) {
    await afterProgress(k, actor, a.course.id, { items, progress });
    member.completed_at = new Date();
  }
  return {
    courseId: a.course.id,
    enrolled: a.isLearner,
    percent: p.percent,
    completed: p.completed,
    total: p.total,
    completedAt: iso(member?.completed_at),
    items: p.states,
  };
}

export async function getMyProgress(k: Kernel, actor: Actor, courseId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "view");
  return myProgress(k, actor as UserActor, a);
}
