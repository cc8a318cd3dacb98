import type { Tenant } from "../../../../kernel/auth/actor.ts";
import { hashPassword } from "../../../../kernel/auth/password.ts";
import { hashToken } from "../../../../kernel/auth/tokens.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { deleteSessions, findReset, markResetUsed, updateUserRow } from "../repo.ts";
import { sessionsEnded } from "../sessions-ended.ts";

/** The token is the authorisation: single use, one hour. Every session of the account ends. */
export async function confirmPasswordReset(k: Kernel, tenant: Tenant, token: string, password: string) {
  const reset = await findReset(k.db, tenant.id, hashToken(token));
  if (!reset) throw new AppError("validation", {}, { token: { code: "auth.reset_invalid" } });
  const hash = await hashPassword(password);
  const ended = await k.db.transaction().execute(async (trx) => {
    await markResetUsed(trx, tenant.id, reset.id);
    await updateUserRow(trx, tenant.id, reset.user_id, { password_hash: hash, failed_logins: 0, locked_until: null });
    return deleteSessions(trx, tenant.id, reset.user_id);
  });
  await sessionsEnded(k, { tenantId: tenant.id, userId: reset.user_id, sessionIds: ended });
  k.record({ tenantId: tenant.id, actorId: reset.user_id, verb: "password-reset", objectType: "account", objectId: reset.user_id });
}
