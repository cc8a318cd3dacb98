import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { notify } from "../notify.ts";
import { activeRegistrations, deleteSessionRow, withSessionLock } from "../repo.ts";

/**
 * Cancels a session: it is deleted with its registrations, and everyone who held, waited for or
 * asked for a seat is told in their language; seat holders get the calendar cancellation.
 */
export async function deleteSession(k: Kernel, actor: Actor, courseId: string, sessionId: string, base: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "edit");
  const tenantId = actor.tenant!.id;
  // under the session's lock, so nobody registers between the list and the deletion
  const { session, registered } = await withSessionLock(k.db, tenantId, courseId, sessionId, async (trx, s) => {
    const registered = await activeRegistrations(trx, tenantId, sessionId);
    await deleteSessionRow(trx, tenantId, sessionId);
    return { session: s, registered };
  });
  k.record({
    tenantId,
    actorId: actor.kind === "user" ? actor.userId : null,
    verb: "deleted",
    objectType: "course-session",
    objectId: sessionId,
    context: { courseId },
  });
  await notify(
    k,
    tenantId,
    session,
    registered.map((r) => ({ userId: r.user_id, kind: "cancelled" as const, seat: r.status === "approved" })),
    base,
  );
}
