import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";

const rootPath = (actor: Actor) => `/${actor.tenant?.rootOrgId}/`;

/** A platform admin (or a bounce processor acting for one) records a bounced address. */
export async function markBounced(k: Kernel, actor: Actor, address: string, reason: string) {
  authorize(actor, "org.manage", { orgPath: rootPath(actor) });
  const a = address.trim().toLowerCase();
  await k.db
    .insertInto("mail_bounces")
    .values({ tenant_id: actor.tenant.id, address: a, reason })
    .onConflict((oc) => oc.columns(["tenant_id", "address"]).doUpdateSet({ reason }))
    .execute();
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "bounced", objectType: "mail-address", objectId: null, context: { reason } });
  return { address: a };
}

export async function clearBounce(k: Kernel, actor: Actor, address: string) {
  authorize(actor, "org.manage", { orgPath: rootPath(actor) });
  const a = address.trim().toLowerCase();
  await k.db.deleteFrom("mail_bounces").where("tenant_id", "=", actor.tenant.id).where("address", "=", a).execute();
  return { address: a };
}
