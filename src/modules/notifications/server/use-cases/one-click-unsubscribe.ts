import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { savePrefs } from "../prefs.ts";
import { verifyUnsubscribeToken } from "../tokens.ts";

/**
 * From a mail's unsubscribe link, signed in or not: the token's signature is the authorisation
 * (it names one person of this platform and what to stop). Idempotent.
 */
export async function oneClickUnsubscribe(k: Kernel, actor: Actor, token: string) {
  const tenant = actor.tenant;
  if (!tenant) throw new AppError("not_found");
  const v = await verifyUnsubscribeToken(k, tenant.id, token);
  if (!v) throw new AppError("notifications.bad_unsubscribe_link", {}, undefined, 404);
  const exists = await k.db.selectFrom("users").select("id").where("tenant_id", "=", tenant.id).where("id", "=", v.userId).executeTakeFirst();
  if (!exists) throw new AppError("notifications.bad_unsubscribe_link", {}, undefined, 404);
  await savePrefs(k.db, tenant.id, v.userId, v.scope === "notifications" ? { byEmail: false } : { mailingOptOut: true });
  k.record({ tenantId: tenant.id, actorId: v.userId, verb: "unsubscribed", objectType: "mail", objectId: null, context: { scope: v.scope, via: "link" } });
  return { scope: v.scope };
}
