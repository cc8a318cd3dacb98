import type { UserActor } from "../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../kernel/module.ts";
import type { CourseAccess, CourseRow } from "../../courses/server/access.ts";
import type { EnrolmentState, Member } from "../shared/contract.ts";
import { countActiveLearners, findMember, type MemberRow } from "./repo.ts";

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Why self-enrolment is not possible now, whatever the method. */
export function blockedReason(course: CourseRow, activeLearners: number, now = new Date()): EnrolmentState["blocked"] {
  if (course.self_enrol === "closed") return "closed";
  if (course.enrol_from && new Date(course.enrol_from) > now) return "not_yet";
  if (course.enrol_until && new Date(course.enrol_until) <= now) return "ended";
  if (course.self_enrol !== "approval" && course.capacity !== null && activeLearners >= course.capacity) return "full";
  return null;
}

export async function enrolmentState(k: Kernel, actor: UserActor, a: CourseAccess, member?: MemberRow | null): Promise<EnrolmentState> {
  const c = a.course;
  const [m, active] = await Promise.all([
    member === undefined ? findMember(k.db, actor.tenant.id, c.id, actor.userId) : Promise.resolve(member ?? undefined),
    countActiveLearners(k.db, actor.tenant.id, c.id),
  ]);
  const status = m?.status ?? "none";
  const blocked = blockedReason(c, active);
  return {
    courseId: c.id,
    status,
    selfEnrol: c.self_enrol,
    canSelfEnrol: status !== "active" && status !== "pending" && blocked === null && c.status === "published",
    blocked,
    enrolFrom: iso(c.enrol_from),
    enrolUntil: iso(c.enrol_until),
    capacity: c.capacity,
    activeLearners: active,
    canTeach: a.canTeach,
  };
}

export const presentMember = (m: MemberRow & { username: string; given_name: string; family_name: string }): Member => ({
  id: m.id,
  userId: m.user_id,
  username: m.username,
  givenName: m.given_name,
  familyName: m.family_name,
  role: m.role,
  status: m.status,
  source: m.source,
  startsAt: iso(m.starts_at),
  endsAt: iso(m.ends_at),
  completedAt: iso(m.completed_at),
  createdAt: iso(m.created_at)!,
});
