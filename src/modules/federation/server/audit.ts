import type { UserActor } from "../../../kernel/auth/actor.ts";
import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { insertAudit, personName, platformNames } from "./repo.ts";

/**
 * Writes one entry into the log of each platform concerned (each keeps its own log, so each reads
 * it within its own data). `who` is the person acting, named with their platform.
 */
export async function audit(
  k: Kernel,
  tenantIds: string[],
  e: { agreementId?: string | null; action: string; who: UserActor; detail?: Record<string, unknown> },
) {
  const [[platform], person] = await Promise.all([platformNames(k.db, [e.who.tenant.id]), personName(k.db, e.who.tenant.id, e.who.userId)]);
  const row = {
    agreement_id: e.agreementId ?? null,
    action: e.action,
    actor_platform: platform?.name ?? e.who.tenant.slug,
    actor_name: person ? `${person.given_name} ${person.family_name}` : "",
    detail: JSON.stringify(e.detail ?? {}),
  };
  await insertAudit(
    k.db,
    [...new Set(tenantIds)].map((tenant_id) => ({ ...row, tenant_id, id: newId() })),
  );
}
