import type { Kysely } from "kysely";
import type { Tenant } from "../../../../kernel/auth/actor.ts";
import { dummyVerify, verifyPassword } from "../../../../kernel/auth/password.ts";
import { hashToken, newToken } from "../../../../kernel/auth/tokens.ts";
import type { DB } from "../../../../kernel/db/schema.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { Me } from "../../shared/contract.ts";
import { findMeOpeningSession, type Opening, toMe } from "../me.ts";
import { lastSignIns } from "../last-sign-in.ts";
import { discardSession, openSession, updateUserRow } from "../repo.ts";

export type SignInResult = { token: string; csrfToken: string; userId: string; sessionId: string; maxAge: number; me: Me };

const invalid = () => new AppError("auth.invalid_credentials", {}, undefined, 401);

/**
 * Anyone may try to sign in: the guards are the per-address rate limit (route) and the
 * per-account lock after LOGIN_MAX_FAILURES failures. Unknown and disabled accounts cost the same
 * argon2 verification as real ones and get the same answer.
 *
 * One statement reads the account with what /me shows and opens the session for it (see
 * findMeOpeningSession); every refusal after it deletes that session, whose token nobody has seen.
 */
export async function signIn(k: Kernel, tenant: Tenant, input: { login: string; password: string }, meta: { ip: string; userAgent: string | null }): Promise<SignInResult> {
  const db: Kysely<DB> = k.db;
  const s = newSession(k, meta);
  const user = await findMeOpeningSession(db, tenant.id, input.login, s.opening);
  if (!user || !user.password_hash || user.status !== "active") {
    await dummyVerify(input.password);
    throw invalid();
  }
  const refuse = async (e: AppError, failures?: Parameters<typeof discardSession>[4]) => {
    await discardSession(db, tenant.id, user.id, s.sessionId, failures);
    return e;
  };
  const now = Date.now();
  if (user.locked_until && new Date(user.locked_until).getTime() > now) {
    const minutes = Math.ceil((new Date(user.locked_until).getTime() - now) / 60_000);
    throw await refuse(new AppError("locked", { minutes, retryAfter: minutes * 60 }));
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failures = user.failed_logins + 1;
    const lock = failures >= k.config.LOGIN_MAX_FAILURES;
    k.record({ tenantId: tenant.id, actorId: user.id, verb: "sign-in-failed", objectType: "account", objectId: user.id, context: { ip: meta.ip, locked: lock } });
    const minutes = k.config.LOGIN_LOCK_MINUTES;
    throw await refuse(lock ? new AppError("locked", { minutes, retryAfter: minutes * 60 }) : invalid(), {
      failed_logins: lock ? 0 : failures,
      locked_until: lock ? new Date(now + minutes * 60_000) : user.locked_until,
    });
  }
  // a partner organisation's person whose partnership is not running (suspended, ended, outside its dates) may not come in
  if (user.partner && !user.partner.live) throw await refuse(new AppError("auth.partnership_inactive", {}, undefined, 403));
  // a proven password clears earlier failures and the lock
  if (user.failed_logins > 0 || user.locked_until !== null) await updateUserRow(db, tenant.id, user.id, { failed_logins: 0, locked_until: null });
  sessionStarted(k, tenant.id, user.id, s.sessionId, "password");
  const { token, csrfToken, sessionId, maxAge } = s;
  return { token, csrfToken, sessionId, maxAge, userId: user.id, me: toMe(user, csrfToken) };
}

/** A new session's secrets and row, not yet stored. */
function newSession(k: Kernel, meta: { ip: string; userAgent: string | null }) {
  const token = newToken();
  const csrfToken = newToken();
  const sessionId = newId();
  const maxAge = k.config.SESSION_DAYS * 86400;
  const opening: Opening = {
    sessionId,
    tokenHash: hashToken(token),
    csrfToken,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    ip: meta.ip,
    expiresAt: new Date(Date.now() + maxAge * 1000).toISOString(),
  };
  return { token, csrfToken, sessionId, maxAge, opening };
}

function sessionStarted(k: Kernel, tenantId: string, userId: string, sessionId: string, method: string) {
  lastSignIns(k).note(tenantId, userId);
  k.record({ tenantId, actorId: userId, verb: "signed-in", objectType: "account", objectId: userId, context: { sessionId, method } });
}

/**
 * Opens a server-side session for an account that proved who it is elsewhere (an external identity
 * provider, in the sso module), and clears its failed password attempts.
 */
export async function startSession(
  k: Kernel,
  tenantId: string,
  userId: string,
  meta: { ip: string; userAgent: string | null },
  method: string,
) {
  const { token, csrfToken, sessionId, maxAge, opening } = newSession(k, meta);
  await openSession(k.db, tenantId, userId, opening);
  sessionStarted(k, tenantId, userId, sessionId, method);
  return { token, csrfToken, sessionId, maxAge };
}
