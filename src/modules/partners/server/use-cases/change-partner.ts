import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { checkScopes, hostPartner, refreshPeople } from "../host.ts";
import { replaceScopes } from "../repo.ts";

type Scopes = { teachCourseIds: string[]; enrolCourseIds: string[]; enrolOrgIds: string[]; startsAt: string | null; endsAt: string | null };

/** New scopes and dates, effective at once for the partner's people (their cached reach is dropped). */
export async function updatePartnerScopes(k: Kernel, actor: Actor, id: string, s: Scopes) {
  const { actor: me, p } = await hostPartner(k, actor, id);
  await checkScopes(k.db, me, p.org_path, s);
  if (p.status === "ended") throw new AppError("partners.ended", {}, undefined, 409);
  await k.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("partners")
      .set({ starts_at: s.startsAt, ends_at: s.endsAt, updated_at: new Date() })
      .where("tenant_id", "=", p.tenant_id)
      .where("id", "=", id)
      .execute();
    await replaceScopes(trx, p.tenant_id, id, s);
  });
  await refreshPeople(k, p.tenant_id, id);
  k.record({
    tenantId: p.tenant_id,
    actorId: me.userId,
    verb: "rescoped",
    objectType: "partner",
    objectId: id,
    context: { teach: s.teachCourseIds, enrolCourses: s.enrolCourseIds, enrolOrgs: s.enrolOrgIds, startsAt: s.startsAt, endsAt: s.endsAt },
  });
  return { ok: true as const };
}

/**
 * Suspend (reversible), resume, or end (final) a partnership. Its people are signed out at once
 * (their facts say the partnership is not running); nothing they did is deleted.
 */
export async function setPartnerStatus(k: Kernel, actor: Actor, id: string, status: "active" | "suspended" | "ended") {
  const { actor: me, p } = await hostPartner(k, actor, id);
  if (p.status === "ended") throw new AppError("partners.ended", {}, undefined, 409);
  if (status === "active" && p.status !== "suspended") throw new AppError("partners.not_suspended", {}, undefined, 409);
  await k.db.updateTable("partners").set({ status, updated_at: new Date() }).where("tenant_id", "=", p.tenant_id).where("id", "=", id).execute();
  await refreshPeople(k, p.tenant_id, id);
  k.record({
    tenantId: p.tenant_id,
    actorId: me.userId,
    verb: status === "active" ? "resumed" : status,
    objectType: "partner",
    objectId: id,
    context: { from: p.status },
  });
  return { ok: true as const };
}
