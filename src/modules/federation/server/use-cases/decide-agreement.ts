import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { audit } from "../audit.ts";
import { presentAgreement } from "../present.ts";
import { getAgreement, platformNames, setAgreementStatus } from "../repo.ts";
import { requirePlatformAdmin } from "./require-admin.ts";

/**
 * The grantee accepts or declines a proposal; either side revokes an agreement (proposed or
 * accepted). Revoking ends every access at once (the door checks the status on each request) and
 * deletes nothing: the host keeps the guests' work, the guests keep their record at home.
 */
export async function decideAgreement(k: Kernel, actor: Actor, id: string, decision: "accept" | "decline" | "revoke") {
  requirePlatformAdmin(actor);
  const a = await getAgreement(k.db, actor.tenant.id, id);
  if (!a) throw notFound();
  if (decision !== "revoke" && a.side !== "grantee") throw new AppError("forbidden");
  const from = decision === "revoke" ? ["proposed", "accepted"] : ["proposed"];
  const to = decision === "accept" ? "accepted" : decision === "decline" ? "declined" : "revoked";
  const changed = await k.db.transaction().execute((trx) => setAgreementStatus(trx, a, from, to));
  if (!changed) throw new AppError("federation.not_pending", {}, undefined, 409);
  await audit(k, [a.grantor_tenant_id, a.grantee_tenant_id], { agreementId: id, action: to, who: actor });
  const partnerId = a.side === "grantor" ? a.grantee_tenant_id : a.grantor_tenant_id;
  const [row, partners] = await Promise.all([getAgreement(k.db, actor.tenant.id, id), platformNames(k.db, [partnerId])]);
  return presentAgreement(row!, new Map(partners.map((p) => [p.id, p.name])));
}
