import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/access.ts";
import { type Notice, notify } from "../notify.ts";
import { countApproved, deleteRegistration, findRegistration, promoteWaiting, withSessionLock } from "../repo.ts";

/** A person withdraws (before the session starts); a freed seat goes to the first person waiting, in the same transaction. */
export async function unregisterFromSession(k: Kernel, actor: Actor, courseId: string, sessionId: string, base: string) {
  await loadCourse(k.db, actor, courseId);
  const tenantId = actor.tenant!.id;
  const userId = actor.kind === "user" ? actor.userId : "";
  const out = await withSessionLock(k.db, tenantId, courseId, sessionId, async (trx, s) => {
    const reg = await findRegistration(trx, tenantId, sessionId, userId);
    if (!reg) return { session: s, notices: [] as Notice[] };
    if (new Date(s.starts_at) <= new Date()) throw new AppError("sessions.already_started", {}, undefined, 409);
    await deleteRegistration(trx, tenantId, reg.id);
    const notices: Notice[] = [];
    if (reg.status === "approved" && s.seats !== null) {
      const free = s.seats - (await countApproved(trx, tenantId, sessionId));
      for (const p of await promoteWaiting(trx, tenantId, sessionId, free)) notices.push({ userId: p.user_id, kind: "promoted" });
    }
    return { session: s, notices, was: reg.status };
  });
  await notify(k, tenantId, out.session, out.notices, base);
  if ("was" in out) k.record({ tenantId, actorId: userId, verb: "unregistered", objectType: "course-session", objectId: sessionId, context: { courseId } });
}
