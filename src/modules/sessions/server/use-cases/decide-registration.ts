import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { type Notice, notify } from "../notify.ts";
import { presentRegistration } from "../present.ts";
import { countApproved, findRegistrationById, listRegistrationRows, promoteWaiting, setRegistrationStatus, withSessionLock } from "../repo.ts";

/**
 * A course manager approves or refuses a registration. An approval takes a seat when one is left,
 * else puts the person on the waiting list; refusing someone who held a seat frees it for the
 * first person waiting.
 */
export async function decideRegistration(
  k: Kernel,
  actor: Actor,
  courseId: string,
  sessionId: string,
  registrationId: string,
  decision: "approve" | "refuse",
  base: string,
) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "edit");
  const tenantId = actor.tenant!.id;
  const by = actor.kind === "user" ? actor.userId : undefined;
  const out = await withSessionLock(k.db, tenantId, courseId, sessionId, async (trx, s) => {
    const reg = await findRegistrationById(trx, tenantId, sessionId, registrationId);
    if (!reg) throw notFound();
    const notices: Notice[] = [];
    if (decision === "approve") {
      if (reg.status === "pending" || reg.status === "refused") {
        const seat = s.seats === null || (await countApproved(trx, tenantId, sessionId)) < s.seats;
        await setRegistrationStatus(trx, tenantId, reg.id, seat ? "approved" : "waiting", by);
        notices.push({ userId: reg.user_id, kind: seat ? "approved" : "waiting" });
      }
    } else if (reg.status !== "refused") {
      await setRegistrationStatus(trx, tenantId, reg.id, "refused", by);
      notices.push({ userId: reg.user_id, kind: "refused" });
      if (reg.status === "approved" && s.seats !== null) {
        const free = s.seats - (await countApproved(trx, tenantId, sessionId));
        for (const p of await promoteWaiting(trx, tenantId, sessionId, free)) notices.push({ userId: p.user_id, kind: "promoted" });
      }
    }
    return { session: s, notices };
  });
  const rows = await listRegistrationRows(k.db, tenantId, sessionId);
  const row = rows.find((r) => r.id === registrationId)!;
  for (const n of out.notices) if (n.kind === "waiting") n.position = rows.find((r) => r.user_id === n.userId)?.position ?? null;
  await notify(k, tenantId, out.session, out.notices, base);
  return presentRegistration(row);
}
