import type { FastifyInstance } from "fastify";
import { AppError } from "../../../kernel/errors.ts";
import { PreSerialized, route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { sessionCookie, setCookie } from "./cookies.ts";
import { loadMe } from "./me.ts";
import { endSession, LANG_COOKIE, replaceSession } from "./session.ts";
import { changePassword } from "./use-cases/change-password.ts";
import { confirmPasswordReset } from "./use-cases/confirm-password-reset.ts";
import { createUser } from "./use-cases/create-user.ts";
import { getHome } from "./use-cases/get-home.ts";
import { getUser } from "./use-cases/get-user.ts";
import { grantRole } from "./use-cases/grant-role.ts";
import { listUsers } from "./use-cases/list-users.ts";
import { listMySessions } from "./use-cases/list-my-sessions.ts";
import { revokeMySession } from "./use-cases/revoke-my-session.ts";
import { signOutOthers } from "./use-cases/sign-out-others.ts";
import { requestPasswordReset } from "./use-cases/request-password-reset.ts";
import { revokeRole } from "./use-cases/revoke-role.ts";
import { setLocale } from "./use-cases/set-locale.ts";
import { signIn } from "./use-cases/sign-in.ts";
import { updateUser } from "./use-cases/update-user.ts";

/** The platform's public base URL for links in mails: its own host, or /p/<slug> in path mode. */
const baseUrl = (k: Kernel, req: import("fastify").FastifyRequest) =>
  req.basePath ? `${k.config.publicUrl}${req.basePath}` : `${req.protocol}://${req.host}`;

export function accountRoutes(app: FastifyInstance, k: Kernel) {
  const tenantOf = (req: import("fastify").FastifyRequest) => {
    if (!req.tenant) throw new AppError("platforms.not_found", {}, undefined, 404);
    return req.tenant;
  };

  // per-address limits on the doors anyone can knock at (the per-account lock is in sign-in); given
  // with each route, as an onRoute hook here would run after the rate-limit plugin has read the config
  const door = { rateLimit: { max: k.config.SIGNIN_RATE_LIMIT_PER_MINUTE, timeWindow: "1 minute" } };
  route(
    app,
    c.signIn,
    async ({ req, reply, body }) => {
      const tenant = tenantOf(req);
      const s = await signIn(k, tenant, body, { ip: req.ip, userAgent: req.headers["user-agent"] ?? null });
      await replaceSession(k, req, s);
      setCookie(req, reply, sessionCookie(req), s.token, s.maxAge);
      // toMe builds exactly the contract's Me (the compiler checks it): sign-in, where every
      // millisecond besides argon2 counts, skips checking it again at run time
      return new PreSerialized(JSON.stringify(s.me));
    },
    door,
  );
  route(
    app,
    c.requestPasswordReset,
    async ({ req, body, locale }) => {
      await requestPasswordReset(k, tenantOf(req), body.login, baseUrl(k, req), locale);
      return { ok: true as const };
    },
    door,
  );
  route(
    app,
    c.confirmPasswordReset,
    async ({ req, body }) => {
      await confirmPasswordReset(k, tenantOf(req), body.token, body.password);
      return { ok: true as const };
    },
    door,
  );

  route(app, c.signOut, async ({ req, reply }) => {
    const { continueAt } = await endSession(k, req, reply);
    return { ok: true as const, ...(continueAt && { continueAt }) };
  });
  route(app, c.getMe, async ({ actor, req }) => loadMe(k.db, actor.tenant.id, actor.userId, req.csrfToken ?? ""));
  route(app, c.listSessions, async ({ actor }) => ({ items: await listMySessions(k, actor) }));
  route(app, c.revokeSession, async ({ actor, params }) => {
    await revokeMySession(k, actor, params.id);
    return { ok: true as const };
  });
  route(app, c.signOutOthers, async ({ actor }) => ({ revoked: await signOutOthers(k, actor) }));
  route(app, c.changePassword, async ({ actor, body }) => {
    await changePassword(k, actor, body.currentPassword, body.newPassword);
    return { ok: true as const };
  });
  route(app, c.setLocale, async ({ actor, body, req, reply }) => {
    await setLocale(k, actor, body.locale);
    setCookie(req, reply, LANG_COOKIE, body.locale, 365 * 86400, true);
    return { ok: true as const };
  });
  route(app, c.getHome, async ({ actor }) => getHome(k, actor));
  route(app, c.listUsers, async ({ actor, query }) => listUsers(k, actor, query));
  route(app, c.createUser, async ({ actor, body, req, locale }) => createUser(k, actor, body, { base: baseUrl(k, req), locale }));
  route(app, c.getUser, async ({ actor, params }) => getUser(k, actor, params.id));
  route(app, c.updateUser, async ({ actor, params, body }) => updateUser(k, actor, params.id, body));
  route(app, c.grantRole, async ({ actor, params, body }) => grantRole(k, actor, params.id, body.orgId, body.role));
  route(app, c.revokeRole, async ({ actor, params }) => revokeRole(k, actor, params.id, params.roleId));
}
