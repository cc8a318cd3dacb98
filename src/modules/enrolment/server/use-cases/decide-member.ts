import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Locale } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { sendEnrolmentMail } from "../mail.ts";
import { getMember, setMemberStatus, userById } from "../repo.ts";
import { presentMember } from "../state.ts";
import { checkSeats } from "./add-members.ts";

/** A teacher approves (a seat must be left) or refuses a pending request; the person is told by mail. */
export async function decideMember(k: Kernel, actor: Actor, courseId: string, memberId: string, approve: boolean, ctx: { base: string; locale: Locale }) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "teach");
  const me = actor as UserActor;
  const tenantId = me.tenant.id;
  const m = await getMember(k.db, tenantId, courseId, memberId);
  if (!m) throw notFound();
  if (m.status !== "pending") throw new AppError("enrolment.not_pending", {}, undefined, 409);
  if (approve && m.role === "learner") await checkSeats(k, a, 1);
  const row = await setMemberStatus(k.db, tenantId, m.id, approve ? "active" : "unenrolled");
  k.record({
    tenantId,
    actorId: me.userId,
    verb: approve ? "approved" : "refused",
    objectType: "enrolment",
    objectId: m.id,
    context: { courseId, userId: m.user_id },
  });
  const person = await userById(k.db, tenantId, m.user_id);
  if (person) {
    await sendEnrolmentMail(
      k,
      tenantId,
      a.course.org_path,
      [person],
      approve ? "approved" : "refused",
      { course: a.course.title, url: `${ctx.base}/courses/${courseId}` },
      ctx.locale,
    );
  }
  return presentMember({ ...row, username: person?.username ?? "", given_name: person?.given_name ?? "", family_name: person?.family_name ?? "" });
}
