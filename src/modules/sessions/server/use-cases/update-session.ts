import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import type { SessionInput } from "../../shared/contract.ts";
import { type Notice, notify } from "../notify.ts";
import { presentSession } from "../present.ts";
import { approvedUserIds, clearReminders, countApproved, findCourseSession, promoteWaiting, updateSessionRow, withSessionLock } from "../repo.ts";
import { actorId } from "./list-sessions.ts";
import { checkSession, dateOrNull } from "./validate.ts";

/** Changes a session; when seats grow (or become unlimited), the first people waiting take them at once. */
export async function updateSession(k: Kernel, actor: Actor, courseId: string, sessionId: string, input: Partial<SessionInput>, base: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "edit");
  const tenantId = actor.tenant!.id;
  const { session, notices } = await withSessionLock(k.db, tenantId, courseId, sessionId, async (trx, s) => {
    const kind = input.kind ?? s.kind;
    const next = {
      title: input.title ?? s.title,
      kind,
      starts_at: input.startsAt ? new Date(input.startsAt) : new Date(s.starts_at),
      ends_at: input.endsAt ? new Date(input.endsAt) : new Date(s.ends_at),
      place: kind === "in-person" ? (input.place !== undefined ? input.place?.trim() || null : s.place) : null,
      video_url: kind === "online" ? (input.videoUrl !== undefined ? (input.videoUrl ?? null) : s.video_url) : null,
      seats: input.seats !== undefined ? (input.seats ?? null) : s.seats,
      approval: input.approval ?? s.approval,
      registration_opens_at:
        input.registrationOpensAt !== undefined ? dateOrNull(input.registrationOpensAt) : s.registration_opens_at && new Date(s.registration_opens_at),
      registration_closes_at:
        input.registrationClosesAt !== undefined ? dateOrNull(input.registrationClosesAt) : s.registration_closes_at && new Date(s.registration_closes_at),
    };
    checkSession(next);
    await updateSessionRow(trx, tenantId, sessionId, next);
    if (next.starts_at.getTime() !== new Date(s.starts_at).getTime()) await clearReminders(trx, tenantId, sessionId);
    const notices: Notice[] = [];
    const grew = next.seats === null ? s.seats !== null : s.seats !== null && next.seats > s.seats;
    if (grew) {
      const free = next.seats === null ? Number.MAX_SAFE_INTEGER : next.seats - (await countApproved(trx, tenantId, sessionId));
      for (const p of await promoteWaiting(trx, tenantId, sessionId, Math.min(free, 100_000))) notices.push({ userId: p.user_id, kind: "promoted" });
    }
    // people holding a seat get the new date or place, with the invitation updated in their calendar
    const moved =
      next.starts_at.getTime() !== new Date(s.starts_at).getTime() ||
      next.ends_at.getTime() !== new Date(s.ends_at).getTime() ||
      next.kind !== s.kind ||
      next.place !== s.place ||
      next.video_url !== s.video_url;
    if (moved) {
      const promoted = new Set(notices.map((n) => n.userId));
      for (const u of await approvedUserIds(trx, tenantId, sessionId)) if (!promoted.has(u)) notices.push({ userId: u, kind: "changed" });
    }
    return { session: { ...s, ...next, updated_at: new Date() }, notices };
  });
  await notify(k, tenantId, session, notices, base);
  return presentSession((await findCourseSession(k.db, tenantId, courseId, sessionId, actorId(actor)))!);
}
