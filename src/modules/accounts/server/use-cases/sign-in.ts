import type { Kysely } from "kysely";
import type { Tenant } from "../../../../kernel/auth/actor.ts";
import { dummyVerify, verifyPassword } from "../../../../kernel/auth/password.ts";
import { hashToken, newToken } from "../../../../kernel/auth/tokens.ts";
import type { DB } from "../../../../kernel/db/schema.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { Me } from "../../shared/contract.ts";
import { findMeByLogin, toMe } from "../me.ts";
import { lastSignIns } from "../last-sign-in.ts";
import { openSession, updateUserRow } from "../repo.ts";

export type SignInResult = { token: string; csrfToken: string; userId: string; sessionId: string; maxAge: number; me: Me };

const invalid = () => new AppError("auth.invalid_credentials", {}, undefined, 401);

/**
 * Anyone may try to sign in: the guards are the per-address rate limit (route) and the
 * per-account lock after LOGIN_MAX_FAILURES failures. Unknown and disabled accounts cost the same
 * argon2 verification as real ones and get the same answer.
 */
export async function signIn(k: Kernel, tenant: Tenant, input: { login: string; password: string }, meta: { ip: string; userAgent: string | null }): Promise<SignInResult> {
  const db: Kysely<DB> = k.db;
  // the account and what /me shows of it in one statement: sign-in answers with /me
  const user = await findMeByLogin(db, tenant.id, input.login);
  if (!user || !user.password_hash || user.status !== "active") {
    await dummyVerify(input.password);
    throw invalid();
  }
  const now = Date.now();
  if (user.locked_until && new Date(user.locked_until).getTime() > now) {
    const minutes = Math.ceil((new Date(user.locked_until).getTime() - now) / 60_000);
    throw new AppError("locked", { minutes, retryAfter: minutes * 60 });
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failures = user.failed_logins + 1;
    const lock = failures >= k.config.LOGIN_MAX_FAILURES;
    await updateUserRow(db, tenant.id, user.id, {
      failed_logins: lock ? 0 : failures,
      locked_until: lock ? new Date(now + k.config.LOGIN_LOCK_MINUTES * 60_000) : user.locked_until,
    });
    k.record({ tenantId: tenant.id, actorId: user.id, verb: "sign-in-failed", objectType: "account", objectId: user.id, context: { ip: meta.ip, locked: lock } });
    if (lock) throw new AppError("locked", { minutes: k.config.LOGIN_LOCK_MINUTES, retryAfter: k.config.LOGIN_LOCK_MINUTES * 60 });
    throw invalid();
  }
  // a partner organisation's person whose partnership is not running (suspended, ended, outside its dates) may not come in
  if (user.partner && !user.partner.live) throw new AppError("auth.partnership_inactive", {}, undefined, 403);
  const session = await startSession(k, tenant.id, user.id, meta, "password", { clearFailures: user.failed_logins > 0 || user.locked_until !== null });
  return { ...session, userId: user.id, me: toMe(user, session.csrfToken) };
}

/**
 * Opens a server-side session for an account that proved who it is (password here, an external
 * identity provider in the sso module): the one place sessions are created.
 */
export async function startSession(
  k: Kernel,
  tenantId: string,
  userId: string,
  meta: { ip: string; userAgent: string | null },
  method: string,
  // a proven identity clears the account's failed password attempts; password sign-in knows whether there are any
  opts: { clearFailures: boolean } = { clearFailures: true },
) {
  const token = newToken();
  const csrfToken = newToken();
  const sessionId = newId();
  const maxAge = k.config.SESSION_DAYS * 86400;
  await openSession(k.db, tenantId, {
    id: sessionId,
    user_id: userId,
    token_hash: hashToken(token),
    csrf_token: csrfToken,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
    ip: meta.ip,
    expires_at: new Date(Date.now() + maxAge * 1000),
  }, opts.clearFailures);
  lastSignIns(k).note(tenantId, userId);
  k.record({ tenantId, actorId: userId, verb: "signed-in", objectType: "account", objectId: userId, context: { sessionId, method } });
  return { token, csrfToken, sessionId, maxAge };
}
