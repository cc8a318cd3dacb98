import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { AUDIT_PAGE } from "../../shared/contract.ts";
import { listAudit as auditOf } from "../repo.ts";
import { requirePlatformAdmin } from "./require-admin.ts";

export async function listAudit(k: Kernel, actor: Actor, page: number) {
  requirePlatformAdmin(actor);
  const rows = await auditOf(k.db, actor.tenant.id, page, AUDIT_PAGE);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      agreementId: r.agreement_id,
      action: r.action,
      platform: r.actor_platform,
      actor: r.actor_name,
      detail: r.detail,
      at: new Date(r.created_at).toISOString(),
    })),
  };
}
