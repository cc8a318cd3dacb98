import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { findMember, setMemberStatus } from "../repo.ts";
import { enrolmentState } from "../state.ts";

/** A learner leaves a course they chose (or withdraws a request); their progress stays for a return. */
export async function selfUnenrol(k: Kernel, actor: Actor, courseId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "view");
  const me = actor as UserActor;
  const m = await findMember(k.db, me.tenant.id, courseId, me.userId);
  if (!m || m.status === "unenrolled") return enrolmentState(k, me, a, m ?? null);
  // enrolled by the class or by a teacher: only the teacher (or leaving the class) ends it
  if (m.source !== "self") throw new AppError("enrolment.not_self", {}, undefined, 403);
  const row = await setMemberStatus(k.db, me.tenant.id, m.id, "unenrolled");
  k.record({ tenantId: me.tenant.id, actorId: me.userId, verb: "unenrolled", objectType: "course", objectId: courseId });
  return enrolmentState(k, me, { ...a, isLearner: false, roles: a.roles.filter((r) => r !== "learner") }, row);
}
