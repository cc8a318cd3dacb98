import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import type { CourseRole } from "../../../../kernel/db/schema.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { type CourseAccess, loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { countActiveLearners, upsertMember, usersUnder } from "../repo.ts";

export type AddInput = { userIds: string[]; role: CourseRole; startsAt?: string | null; endsAt?: string | null };

/** Who may give a course role: editors any; assistants learners and observers only. */
export function requireRoleGrant(a: CourseAccess, role: CourseRole) {
  requireCourse(a, role === "learner" || role === "observer" ? "teach" : "edit");
}

/**
 * Refuses learners beyond the course's capacity (active learners only count), with how many
 * seats are left, before anything is written.
 */
export async function checkSeats(k: Kernel, a: CourseAccess, newLearners: number) {
  const cap = a.course.capacity;
  if (cap === null || newLearners === 0) return;
  const active = await countActiveLearners(k.db, a.course.tenant_id, a.course.id);
  if (active + newLearners > cap)
    throw new AppError("enrolment.full_for", { capacity: cap, free: Math.max(0, cap - active), asked: newLearners }, undefined, 409);
}

/** A teacher enrols people of the course's branch (others are 404: they may not be seen). */
export async function addMembers(k: Kernel, actor: Actor, courseId: string, input: AddInput) {
  const a = await loadCourse(k.db, actor, courseId);
  requireRoleGrant(a, input.role);
  const me = actor as UserActor;
  const tenantId = me.tenant.id;
  if (input.startsAt && input.endsAt && new Date(input.endsAt) <= new Date(input.startsAt))
    throw new AppError("validation", {}, { endsAt: { code: "enrolment.dates_order" } });
  const ids = [...new Set(input.userIds)];
  const found = await usersUnder(k.db, tenantId, a.course.org_path, ids);
  if (found.size !== ids.length) throw new AppError("not_found");
  const existing = await k.db
    .selectFrom("course_members")
    .select("user_id")
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .where("role", "=", input.role)
    .where("status", "=", "active")
    .where("user_id", "in", ids)
    .execute();
  const already = new Set(existing.map((e) => e.user_id));
  const fresh = ids.filter((id) => !already.has(id));
  if (input.role === "learner") await checkSeats(k, a, fresh.length);
  for (const userId of fresh) {
    await upsertMember(k.db, tenantId, courseId, {
      userId,
      role: input.role,
      status: "active",
      source: "teacher",
      startsAt: input.startsAt ? new Date(input.startsAt) : null,
      endsAt: input.endsAt ? new Date(input.endsAt) : null,
    });
  }
  if (fresh.length)
    k.record({
      tenantId,
      actorId: me.userId,
      verb: "enrolled",
      objectType: "course",
      objectId: courseId,
      context: { method: "teacher", role: input.role, count: fresh.length },
    });
  return { enrolled: fresh.length };
}
