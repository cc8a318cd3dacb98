import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../../kernel/errors.ts";
import { route } from "../../../kernel/http/route.ts";
import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { isSecure, sessionCookie, setCookie } from "../../accounts/server/index.ts";
import * as c from "../shared/contract.ts";
import { SsoFailure } from "./failure.ts";
import { spMetadata } from "./protocols/saml.ts";
import { enabledProviders, getProvider, insertFailure } from "./repo.ts";
import { createSsoProvider, deleteSsoProvider, listSsoProviders, updateSsoProvider } from "./use-cases/providers.ts";
import { finishSignIn, flowUrls, startSignIn } from "./use-cases/sign-in-flow.ts";

/** The platform's public base URL: its own host, or /p/<slug> in path mode. */
const baseUrl = (k: Kernel, req: FastifyRequest) => (req.basePath ? `${k.config.publicUrl}${req.basePath}` : `${req.protocol}://${req.host}`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The browser-binding cookie of a flow. SAML answers arrive as a cross-site POST, which carries
 * only SameSite=None cookies: on https (and loopback) it is None + Secure, else Lax.
 */
const bindingCookie = (req: FastifyRequest) => (isSecure(req) ? "__Host-archipel-sso" : "archipel-sso");

export function ssoRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.listSsoProviders, ({ actor, req }) => listSsoProviders(k, actor, baseUrl(k, req)));
  route(app, c.createSsoProvider, ({ actor, body, req }) => createSsoProvider(k, actor, body, baseUrl(k, req)));
  route(app, c.updateSsoProvider, ({ actor, params, body, req }) => updateSsoProvider(k, actor, params.id, body, baseUrl(k, req)));
  route(app, c.deleteSsoProvider, ({ actor, params }) => deleteSsoProvider(k, actor, params.id));
  route(app, c.listSignInProviders, async ({ req }) => ({ items: req.tenant ? await enabledProviders(k.db, req.tenant.id) : [] }));

  /** Every failure is logged for the platform's admins and shown on the localized error page. */
  async function fail(req: FastifyRequest, reply: FastifyReply, providerId: string, e: unknown) {
    const f = e instanceof SsoFailure ? e : new SsoFailure("response_invalid", (e as Error)?.message ?? String(e));
    if (!(e instanceof SsoFailure)) req.log.error({ err: e }, "single sign-on failed unexpectedly");
    if (req.tenant) {
      const provider = UUID.test(providerId) ? providerId : null;
      await insertFailure(k.db, req.tenant.id, { id: newId(), provider_id: provider, code: f.code, detail: f.detail.slice(0, 1000) }).catch((err) =>
        req.log.error({ err }, "could not log a single sign-on failure"),
      );
      k.record({ tenantId: req.tenant.id, actorId: null, verb: "sso-failed", objectType: "sso-provider", objectId: provider, context: { code: f.code } });
    }
    reply.clearCookie(bindingCookie(req), { path: "/" });
    return reply.redirect(`${req.basePath}/sign-in/error?code=${f.code}`, 303);
  }

  const idOf = (req: FastifyRequest) => String((req.params as { id?: string }).id ?? "");
  const tenantOf = (req: FastifyRequest) => {
    if (!req.tenant) throw new SsoFailure("provider_unavailable", "no platform at this address");
    return req.tenant;
  };

  async function finish(req: FastifyRequest, reply: FastifyReply, form: Record<string, string>) {
    const id = idOf(req);
    try {
      const tenant = tenantOf(req);
      if (!UUID.test(id)) throw new SsoFailure("provider_unavailable", `no provider ${id.slice(0, 60)}`);
      const query = Object.fromEntries(Object.entries(req.query as Record<string, unknown>).map(([key, v]) => [key, String(v)]));
      const s = await finishSignIn(
        k,
        tenant,
        id,
        { query, form },
        { base: baseUrl(k, req), binding: req.cookies[bindingCookie(req)], ip: req.ip, userAgent: req.headers["user-agent"] ?? null },
      );
      reply.clearCookie(bindingCookie(req), { path: "/" });
      setCookie(req, reply, sessionCookie(req), s.token, s.maxAge);
      return reply.redirect(`${req.basePath}/`, 303);
    } catch (e) {
      return fail(req, reply, id, e);
    }
  }

  // doors anyone can knock at: limited per address like password sign-in
  const door = { schema: { hide: true }, config: { rateLimit: { max: k.config.SIGNIN_RATE_LIMIT_PER_MINUTE, timeWindow: "1 minute" } } };
  app.get("/sso/:id/start", door, async (req, reply) => {
    const id = idOf(req);
    try {
      const tenant = tenantOf(req);
      if (!UUID.test(id)) throw new SsoFailure("provider_unavailable", `no provider ${id.slice(0, 60)}`);
      const { redirect, binding } = await startSignIn(k, tenant, id, baseUrl(k, req));
      const secure = isSecure(req);
      reply.setCookie(bindingCookie(req), binding, { path: "/", httpOnly: true, secure, sameSite: secure ? "none" : "lax", maxAge: 600 });
      return reply.redirect(redirect, 303);
    } catch (e) {
      return fail(req, reply, id, e);
    }
  });
  app.get("/sso/:id/callback", door, (req, reply) => finish(req, reply, {}));
  // the SAML POST binding: a form posted by the browser from the identity provider's page, outside
  // /api (no CSRF token possible); RelayState names the flow, the binding cookie ties it to the browser
  app.register(async (scope) => {
    scope.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 2_000_000 }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    scope.post("/sso/:id/acs", door, (req, reply) => finish(req, reply, (req.body ?? {}) as Record<string, string>));
  });

  /** Archipel's SAML service provider metadata for one identity provider, to give its administrator. */
  app.get("/sso/:id/metadata", { schema: { hide: true } }, async (req, reply) => {
    const id = idOf(req);
    const p = req.tenant && UUID.test(id) ? await getProvider(k.db, req.tenant.id, id) : undefined;
    if (!p || p.kind !== "saml") throw new AppError("not_found");
    return reply
      .type("application/samlmetadata+xml; charset=utf-8")
      .header("content-disposition", `attachment; filename="archipel-sp-metadata.xml"`)
      .send(spMetadata(p, flowUrls(baseUrl(k, req), p.id).sp));
  });
}
