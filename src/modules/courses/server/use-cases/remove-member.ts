import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, forbidden, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { countActive, deleteMember, getMember } from "../repo.ts";

/** Takes a teaching role away. Learners leave through the enrolment module (which keeps their history). */
export async function removeMember(k: Kernel, actor: Actor, id: string, memberId: string) {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "edit");
  const tid = a.course.tenant_id;
  const m = await getMember(k.db, tid, id, memberId);
  if (!m || m.role === "learner") throw notFound();
  if (m.role === "manager") {
    if (!a.orgAdmin && !a.roles.includes("manager")) throw forbidden();
    if (m.status === "active" && (await countActive(k.db, tid, id, "manager")) <= 1) throw new AppError("courses.last_manager", {}, undefined, 422);
  }
  await deleteMember(k.db, tid, memberId);
  return { ok: true as const };
}
