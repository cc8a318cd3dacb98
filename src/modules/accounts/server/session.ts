import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../../kernel/errors.ts";
import { isLocale, negotiate } from "../../../kernel/i18n.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { hashToken, newToken } from "../../../kernel/auth/tokens.ts";
import { clearCookie, clearedCookieHeader, csrfCookie, sessionCookie, setCookie } from "./cookies.ts";
import { deleteSessionByToken, findSession, loadActorFacts, touchSession } from "./repo.ts";
import { sessionsEnded } from "./sessions-ended.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** the CSRF token unsafe requests must echo in X-CSRF-Token */
    csrfToken: string | null;
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const TOUCH_AFTER_MS = 5 * 60_000;
export const LANG_COOKIE = "archipel-lang";

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Resolves who is calling (server-side session from the cookie, one query) and their language,
 * then refuses unsafe API requests without the CSRF token: the session's token when signed in,
 * the double-submit cookie's before.
 */
export function sessionHooks(app: FastifyInstance, k: Kernel) {
  app.decorateRequest("csrfToken", null);
  app.addHook("onRequest", async (req) => {
    const tenant = req.tenant;
    req.actor = { kind: "anonymous", tenant };
    const langCookie = req.cookies[LANG_COOKIE];
    const fallback = isLocale(tenant?.defaultLocale) ? tenant.defaultLocale : "fr";
    req.locale = isLocale(langCookie) ? langCookie : negotiate(req.headers["accept-language"], fallback);
    if (!req.url.startsWith("/api/")) return;
    // before the tenant check: first-run setup posts to an address no platform serves yet
    req.csrfToken = req.cookies[csrfCookie(req)] ?? null;
    await resolveSession(k, req);
  });
  app.addHook("preHandler", async (req) => {
    if (!UNSAFE.has(req.method) || !req.url.startsWith("/api/")) return;
    const sent = req.headers["x-csrf-token"];
    if (typeof sent !== "string" || !req.csrfToken || !same(sent, req.csrfToken)) throw new AppError("csrf");
  });
}

/**
 * Sets req.actor from the session cookie (the session and actor caches; one query on a miss). Done for every API
 * request; pages served outside /api (the identity provider's, CAS) call it themselves.
 */
export async function resolveSession(k: Kernel, req: FastifyRequest) {
  const tenant = req.tenant;
  const token = tenant && req.cookies[sessionCookie(req)];
  if (!tenant || !token) return;
  const tokenHash = hashToken(token);
  let s = k.sessions.get(tenant.id, tokenHash);
  if (!s) {
    s = await findSession(k.db, tenant.id, tokenHash);
    if (!s) return;
    k.sessions.set(tenant.id, tokenHash, s);
  }
  let facts = k.actors.get(tenant.id, s.userId);
  if (!facts) {
    facts = await loadActorFacts(k.db, tenant.id, s.userId);
    if (!facts) return; // deactivated
    k.actors.set(tenant.id, s.userId, facts);
  }
  req.actor = { kind: "user", tenant, userId: s.userId, sessionId: s.sessionId, profile: facts.profile, grants: facts.grants, isOperator: facts.isOperator, ...(facts.partner && { partner: facts.partner }), person: { givenName: facts.givenName, lastLoginAt: facts.lastLoginAt } };
  req.csrfToken = s.csrfToken;
  if (isLocale(facts.locale)) req.locale = facts.locale;
  if (Date.now() - s.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    const expiresAt = new Date(Date.now() + k.config.SESSION_DAYS * 86400_000);
    await touchSession(k.db, tenant.id, s.sessionId, expiresAt);
    k.sessions.set(tenant.id, tokenHash, { ...s, lastSeenAt: new Date(), expiresAt });
  }
}

/**
 * Ends the session behind the cookie (sign-out, and single sign-out from a service), and the
 * services' sessions made through it (see sessionsEnded): answers the page the browser should
 * pass through on its way out, if a service is told over the front channel.
 */
export async function endSession(k: Kernel, req: FastifyRequest, reply: import("fastify").FastifyReply) {
  const out = await deleteSession(k, req);
  clearCookie(req, reply, sessionCookie(req));
  return out;
}

/** The same for a response written outside Fastify's reply: the clearing Set-Cookie header is returned. */
export async function endSessionHeader(k: Kernel, req: FastifyRequest) {
  await deleteSession(k, req);
  return clearedCookieHeader(req, sessionCookie(req));
}

async function deleteSession(k: Kernel, req: FastifyRequest) {
  const token = req.cookies[sessionCookie(req)];
  if (!req.tenant || !token) return {};
  const gone = await deleteSessionByToken(k.db, req.tenant.id, hashToken(token));
  return gone ? sessionsEnded(k, { tenantId: req.tenant.id, userId: gone.user_id, sessionIds: [gone.id] }) : {};
}

/**
 * A sign-in in a browser that still had a session: that session, whose cookie is being replaced,
 * ends. Signed in again as the same person (asked for their password again, e.g. by a service's
 * CAS renew), what hung on it carries over to the new session; as someone else, it ends for good.
 */
export async function replaceSession(k: Kernel, req: FastifyRequest, next: { sessionId: string; userId: string }) {
  const token = req.cookies[sessionCookie(req)];
  if (!req.tenant || !token) return;
  const gone = await deleteSessionByToken(k.db, req.tenant.id, hashToken(token));
  if (!gone || gone.id === next.sessionId) return;
  await sessionsEnded(k, {
    tenantId: req.tenant.id,
    userId: gone.user_id,
    sessionIds: [gone.id],
    ...(gone.user_id === next.userId && { carriedTo: next.sessionId }),
  });
}

/** Gives an anonymous visitor a CSRF token (double-submit cookie) if they have none. */
export function ensureCsrf(req: FastifyRequest, reply: import("fastify").FastifyReply): string {
  if (req.csrfToken) return req.csrfToken;
  const token = newToken();
  setCookie(req, reply, csrfCookie(req), token);
  req.csrfToken = token;
  return token;
}
