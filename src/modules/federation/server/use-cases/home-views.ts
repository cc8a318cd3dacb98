import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { audit } from "../audit.ts";
import { inForce, openHost } from "../remote.ts";
import { guestsProgress, homePeople, listAgreements, myEnrolments, myRecords } from "../repo.ts";
import { requirePlatformAdmin } from "./require-admin.ts";

/**
 * The home platform's admins follow their own people in one granted course of a partner: progress
 * and released grades of the host's federated users whose home is this platform, nobody else's.
 */
export async function homeProgress(k: Kernel, actor: Actor, agreementId: string, courseId: string) {
  requirePlatformAdmin(actor);
  const { host } = await openHost(k, actor, agreementId, courseId, "report");
  const rows = await guestsProgress(k.db, host.id, actor.tenant.id, courseId);
  const people = new Map(
    (
      await homePeople(
        k.db,
        actor.tenant.id,
        rows.map((r) => r.home_user_id),
      )
    ).map((p) => [p.id, p]),
  );
  await audit(k, [host.id, actor.tenant.id], { agreementId, action: "viewed_home_progress", who: actor, detail: { courseId } });
  return {
    items: rows.flatMap((r) => {
      const p = people.get(r.home_user_id);
      if (!p) return [];
      const items = Number(r.items);
      return [
        {
          userId: p.id,
          name: `${p.given_name} ${p.family_name}`,
          username: p.username,
          percent: items ? Math.floor((Number(r.done) * 100) / items) : 0,
          completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
          grades: r.grades.map((g) => ({ item: g.item, grade: g.score === null ? "" : `${Number(g.score)} / ${Number(g.max)}` })),
        },
      ];
    }),
  };
}

/**
 * My record of partner courses, from my own platform's data only: it stays after the agreement
 * is revoked or over, read-only (`open` says whether the course can still be opened).
 */
export async function myRecord(k: Kernel, actor: Actor) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const [joined, records, agreements] = await Promise.all([
    myEnrolments(k.db, actor.tenant.id, actor.userId),
    myRecords(k.db, actor.tenant.id, actor.userId),
    listAgreements(k.db, actor.tenant.id),
  ]);
  const open = new Set(agreements.filter((a) => a.side === "grantee" && inForce(a)).map((a) => a.id));
  return {
    items: joined.map((e) => ({
      courseId: e.course_id,
      agreementId: e.agreement_id,
      platform: e.host_name,
      title: e.course_title,
      role: e.role,
      open: open.has(e.agreement_id),
      items: records
        .filter((r) => r.course_id === e.course_id)
        .map((r) => ({ id: r.item_id, title: r.item_title, doneAt: r.done_at ? new Date(r.done_at).toISOString() : null })),
    })),
  };
}
