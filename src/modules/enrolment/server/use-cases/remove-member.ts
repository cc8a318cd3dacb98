import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/access.ts";
import { getMember, setMemberStatus, userById } from "../repo.ts";
import { presentMember } from "../state.ts";
import { requireRoleGrant } from "./add-members.ts";

/**
 * Unenrols someone: the membership turns 'unenrolled' (never deleted) and their progress stays,
 * so enrolling them again restores it. A learner enrolled by a node rule leaves with the node.
 */
export async function removeMember(k: Kernel, actor: Actor, courseId: string, memberId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  const me = actor as UserActor;
  const tenantId = me.tenant.id;
  const m = await getMember(k.db, tenantId, courseId, memberId);
  if (!m) throw notFound();
  requireRoleGrant(a, m.role);
  if (m.source === "org" && m.status === "active") throw new AppError("enrolment.managed_by_rule", {}, undefined, 409);
  // nobody removes themselves as the course's editor by mistake
  if (m.user_id === me.userId && (m.role === "manager" || m.role === "teacher") && !a.orgAdmin)
    throw new AppError("enrolment.not_yourself", {}, undefined, 409);
  const row = m.status === "unenrolled" ? m : await setMemberStatus(k.db, tenantId, m.id, "unenrolled");
  if (m.status !== "unenrolled")
    k.record({ tenantId, actorId: me.userId, verb: "unenrolled", objectType: "enrolment", objectId: m.id, context: { courseId, userId: m.user_id } });
  const person = await userById(k.db, tenantId, m.user_id);
  return presentMember({ ...row, username: person?.username ?? "", given_name: person?.given_name ?? "", family_name: person?.family_name ?? "" });
}
