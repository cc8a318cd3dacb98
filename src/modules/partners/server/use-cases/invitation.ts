import type { Actor, Tenant } from "../../../../kernel/auth/actor.ts";
import { verifyInvitationToken } from "../../../../kernel/auth/invitation-token.ts";
import { hashPassword } from "../../../../kernel/auth/password.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { PartnerInvitation } from "../../shared/contract.ts";
import { refreshPeople } from "../host.ts";
import { checkFree, createPartnerPerson, type NewPerson } from "./my-partner.ts";

/** The signed link is the authorisation: a forged, altered or other platform's link is 404. */
async function load(k: Kernel, tenant: Tenant | null, token: string) {
  if (!tenant) throw notFound();
  const id = await verifyInvitationToken(k, "partner", tenant.id, token);
  if (!id) throw notFound();
  const p = await k.db.selectFrom("partners").selectAll().where("tenant_id", "=", tenant.id).where("id", "=", id).executeTakeFirst();
  if (!p) throw notFound();
  const status: PartnerInvitation["status"] =
    p.accepted_at || p.status !== "invited" ? "used" : new Date(p.invite_expires_at).getTime() <= Date.now() ? "expired" : "valid";
  return { p, status };
}

export async function getPartnerInvitation(k: Kernel, actor: Actor, token: string): Promise<PartnerInvitation> {
  const { p, status } = await load(k, actor.tenant, token);
  return { status, partnerName: p.name, email: p.contact_email, expiresAt: new Date(p.invite_expires_at).toISOString() };
}

/**
 * The contact creates their account with the invited address and becomes the partner's manager;
 * the partnership starts. Single use; an expired or used link says so.
 */
export async function acceptPartnerInvitation(k: Kernel, actor: Actor, token: string, account: Omit<NewPerson, "email">) {
  const { p, status } = await load(k, actor.tenant, token);
  if (status === "expired") throw new AppError("partners.invitation_expired", {}, undefined, 410);
  if (status === "used") throw new AppError("partners.invitation_used", {}, undefined, 409);
  const tid = p.tenant_id;
  await checkFree(k.db, tid, { username: account.username, email: p.contact_email }, "account.");
  const passwordHash = await hashPassword(account.password);
  const userId = await k.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("partners")
      .set({ status: "active", accepted_at: new Date(), updated_at: new Date() })
      .where("tenant_id", "=", tid)
      .where("id", "=", p.id)
      .where("status", "=", "invited")
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new AppError("partners.invitation_used", {}, undefined, 409);
    return createPartnerPerson(trx, tid, p.id, { ...account, email: p.contact_email, passwordHash }, "manager");
  });
  await refreshPeople(k, tid, p.id);
  k.record({ tenantId: tid, actorId: userId, verb: "accepted", objectType: "partner", objectId: p.id, context: {} });
  return { username: account.username, partnerName: p.name };
}
