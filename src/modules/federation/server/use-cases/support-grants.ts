import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { audit } from "../audit.ts";
import { presentGrant } from "../present.ts";
import { getGrant, grantingTenants, insertGrant, listGrants, operators, revokeGrant } from "../repo.ts";
import { requirePlatformAdmin } from "./require-admin.ts";

const HOUR = 3600_000;

/** The deployment's operators, other than the admin themselves, to choose whom to let in. */
export async function listOperators(k: Kernel, actor: Actor) {
  requirePlatformAdmin(actor);
  const all = await operators(k.db);
  return {
    items: all
      .filter((o) => !(o.tenant_id === actor.tenant.id && o.user_id === actor.userId))
      .map((o) => ({ id: o.user_id, name: `${o.given_name} ${o.family_name}` })),
  };
}

export async function listSupportGrants(k: Kernel, actor: Actor) {
  requirePlatformAdmin(actor);
  return { items: (await listGrants(k.db, actor.tenant.id)).map(presentGrant) };
}

/** A platform's admin lets one operator read the platform's data for a number of hours (logged). */
export async function createSupportGrant(k: Kernel, actor: Actor, operatorId: string, hours: number) {
  requirePlatformAdmin(actor);
  const op = (await operators(k.db)).find((o) => o.user_id === operatorId);
  if (!op) throw new AppError("validation", {}, { operatorId: { code: "federation.no_operator" } });
  const id = newId();
  const name = `${op.given_name} ${op.family_name}`;
  await insertGrant(k.db, {
    tenant_id: actor.tenant.id,
    id,
    operator_tenant_id: op.tenant_id,
    operator_user_id: op.user_id,
    operator_name: name,
    expires_at: new Date(Date.now() + hours * HOUR),
    created_by: actor.userId,
  });
  await audit(k, [actor.tenant.id], { action: "support_granted", who: actor, detail: { operator: name, hours } });
  return presentGrant((await getGrant(k.db, actor.tenant.id, id))!);
}

export async function revokeSupportGrant(k: Kernel, actor: Actor, id: string) {
  requirePlatformAdmin(actor);
  const g = await getGrant(k.db, actor.tenant.id, id);
  if (!g) throw notFound();
  await revokeGrant(k.db, actor.tenant.id, id);
  await audit(k, [actor.tenant.id], { action: "support_revoked", who: actor, detail: { operator: g.operator_name } });
  return presentGrant((await getGrant(k.db, actor.tenant.id, id))!);
}

/**
 * The platforms whose data a deployment operator may read now: their own, and those that gave
 * them a support grant in force. Each granting platform's log notes the read (what was read).
 * Every operator read of platform data goes through here.
 */
export async function operatorScope(k: Kernel, actor: UserActor, what: string): Promise<string[]> {
  const grants = await grantingTenants(k.db, actor.tenant.id, actor.userId);
  const others = [...new Set(grants.map((g) => g.tenant_id))].filter((t) => t !== actor.tenant.id);
  if (others.length) await audit(k, others, { action: "support_read", who: actor, detail: { what } });
  return [actor.tenant.id, ...others];
}
