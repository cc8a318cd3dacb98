import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { verifyPassword } from "../../../../kernel/auth/password.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Locale } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { sendEnrolmentMail } from "../mail.ts";
import { countActiveLearners, findMember, teachersOf, upsertMember, userById } from "../repo.ts";
import { blockedReason, enrolmentState } from "../state.ts";

/**
 * A person of the course's branch enrols themselves: open, with the course key (a wrong key is a
 * field error; the route is rate-limited), or by asking (pending until a teacher decides; the
 * teachers are told by mail). Dates and capacity apply; enrolling again restores the progress.
 */
export async function selfEnrol(k: Kernel, actor: Actor, courseId: string, key: string | undefined, ctx: { base: string; locale: Locale }) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "view");
  const me = actor as UserActor;
  const c = a.course;
  const tenantId = me.tenant.id;
  const current = await findMember(k.db, tenantId, c.id, me.userId);
  if (current && (current.status === "active" || current.status === "pending")) return enrolmentState(k, me, a, current);
  if (c.status !== "published") throw new AppError("enrolment.closed", {}, undefined, 403);
  const blocked = blockedReason(c, c.capacity === null ? 0 : await countActiveLearners(k.db, tenantId, c.id));
  if (blocked === "closed") throw new AppError("enrolment.closed", {}, undefined, 403);
  if (blocked === "not_yet") throw new AppError("enrolment.not_yet", { date: new Date(c.enrol_from!) }, undefined, 422);
  if (blocked === "ended") throw new AppError("enrolment.ended", {}, undefined, 422);
  if (blocked === "full") throw new AppError("enrolment.full", { capacity: c.capacity }, undefined, 409);
  if (c.self_enrol === "key") {
    if (!key) throw new AppError("validation", {}, { key: { code: "field.required" } });
    if (!c.enrol_key_hash || !(await verifyPassword(c.enrol_key_hash, key))) throw new AppError("validation", {}, { key: { code: "enrolment.wrong_key" } });
  }
  const pending = c.self_enrol === "approval";
  const ok = await upsertMember(
    k.db,
    tenantId,
    c.id,
    { userId: me.userId, role: "learner", status: pending ? "pending" : "active", source: "self" },
    c.capacity,
  );
  if (!ok) throw new AppError("enrolment.full", { capacity: c.capacity }, undefined, 409);
  k.record({ tenantId, actorId: me.userId, verb: pending ? "requested" : "enrolled", objectType: "course", objectId: c.id, context: { method: c.self_enrol } });
  if (pending) {
    const [teachers, person] = await Promise.all([teachersOf(k.db, tenantId, c.id), userById(k.db, tenantId, me.userId)]);
    await sendEnrolmentMail(
      k,
      tenantId,
      c.org_path,
      teachers,
      "request",
      { course: c.title, person: person ? `${person.given_name} ${person.family_name}` : "", url: `${ctx.base}/courses/${c.id}/enrolment` },
      ctx.locale,
    );
  }
  return enrolmentState(k, me, a);
}
