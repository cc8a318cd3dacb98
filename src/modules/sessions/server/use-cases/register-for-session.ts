import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import type { MyRegistration } from "../../shared/contract.ts";
import { type Notice, notify } from "../notify.ts";
import { registrationOpen } from "../present.ts";
import { countApproved, findCourseSession, findRegistration, insertRegistration, withSessionLock } from "../repo.ts";

/**
 * A learner of the course registers: with approval the request waits for a manager; otherwise the
 * person takes a seat if one is left, else joins the waiting list. Counting and taking the seat
 * happen under the session's row lock, so concurrent registrations never overbook.
 */
export async function registerForSession(k: Kernel, actor: Actor, courseId: string, sessionId: string, base: string): Promise<MyRegistration> {
  const a = await loadCourse(k.db, actor, courseId);
  if (!a.isLearner) throw new AppError("forbidden");
  requireCourse(a, "view");
  const tenantId = actor.tenant!.id;
  const userId = actor.kind === "user" ? actor.userId : "";
  const out = await withSessionLock(k.db, tenantId, courseId, sessionId, async (trx, s) => {
    const existing = await findRegistration(trx, tenantId, sessionId, userId);
    if (existing) return { session: s, reg: existing, fresh: false };
    if (!registrationOpen(s)) throw new AppError("sessions.registration_closed", {}, undefined, 409);
    let status: "pending" | "approved" | "waiting" = "pending";
    if (!s.approval) status = s.seats === null || (await countApproved(trx, tenantId, sessionId)) < s.seats ? "approved" : "waiting";
    const id = newId();
    await insertRegistration(trx, tenantId, { id, session_id: sessionId, course_id: courseId, user_id: userId, status });
    return { session: s, reg: { id, status }, fresh: true };
  });
  const mine = await findCourseSession(k.db, tenantId, courseId, sessionId, userId);
  const me = { id: out.reg.id, status: mine?.me_status ?? out.reg.status, position: mine?.me_position == null ? null : Number(mine.me_position) };
  if (out.fresh) {
    const kind: Notice["kind"] = me.status === "approved" ? "registered" : me.status === "waiting" ? "waiting" : "pending";
    await notify(k, tenantId, out.session, [{ userId, kind, position: me.position }], base);
    k.record({ tenantId, actorId: userId, verb: "registered", objectType: "course-session", objectId: sessionId, context: { courseId, status: me.status } });
  }
  return me;
}
