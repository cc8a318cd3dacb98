import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Provider } from "oidc-provider";
import { AppError } from "../../../kernel/errors.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { endSession, endSessionHeader, resolveSession, sessionStartedAt } from "../../accounts/server/index.ts";
import { getOrg } from "../../orgs/server/index.ts";
import { serviceResponse } from "./cas-xml.ts";
import { frontchannelPage, messagePage } from "./pages.ts";
import { type ArchipelRequest, providerRegistry } from "./provider.ts";
import { frontchannelUris } from "./repo.ts";
import { platformBase } from "./routes.ts";
import { casServiceFor, issueTicket, validateTicket } from "./use-cases/cas.ts";
import { frontchannelFrames, MAX_FRAMES } from "./use-cases/single-logout.ts";

/** The provider's own pages (sign-out form, errors) post to itself and may send the browser back to a registered service. */
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self' http: https:; frame-src http: https:; frame-ancestors 'none'; base-uri 'none'";

/** Protocol endpoints, documented by their standards rather than in the REST API's OpenAPI document. */
const hidden = { schema: { hide: true } };
const signInAt = (req: FastifyRequest, next: string) => `${req.basePath}/sign-in?next=${encodeURIComponent(next)}`;
/** renew=true: a ticket only on a password typed this recently (the sign-in page sends the person straight back) */
const RENEW_WINDOW_MS = 60_000;
/** CAS parameters are true when present with any value but "false" (clients send renew=true, renew=1 or a bare renew) */
const flag = (v: string | undefined) => v !== undefined && v !== "false";
const html = (reply: FastifyReply, status: number, body: string) =>
  reply.status(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(body);

/**
 * The identity provider's protocol endpoints, outside /api: OpenID Connect under /oidc (handed to
 * oidc-provider, which reads request bodies itself) and CAS 3.0 under /cas. Both see the Archipel
 * session: sign-in happens on Archipel's own page, which sends the person back here.
 */
export async function protocolRoutes(app: FastifyInstance, k: Kernel) {
  const providerFor = providerRegistry(k);
  const callbacks = new WeakMap<Provider, ReturnType<Provider["callback"]>>();
  const platformName = async (req: FastifyRequest) => (await getOrg(k.db, req.tenant!.id, req.tenant!.rootOrgId))?.name ?? "";

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_req, _payload, done) => done(null));
    scope.addHook("onRequest", async (req) => {
      if (!req.tenant) throw new AppError("platforms.not_found", {}, undefined, 404);
      await resolveSession(k, req);
    });

    // the provider asks Archipel to sign the person in (login) or to approve (consent, normally made in loadExistingGrant)
    scope.get<{ Params: { uid: string } }>("/oidc/interaction/:uid", hidden, async (req, reply) => {
      const provider = await providerFor(req);
      let details: Awaited<ReturnType<Provider["interactionDetails"]>>;
      try {
        details = await provider.interactionDetails(req.raw, reply.raw);
      } catch {
        return html(reply, 400, messagePage(req.locale, "ui.idp.expired.title", "ui.idp.expired.text"));
      }
      const actor = req.actor.kind === "user" ? req.actor : null;
      if (!actor) return reply.redirect(signInAt(req, `/oidc/interaction/${details.uid}`));
      let result: Record<string, unknown> = { login: { accountId: actor.userId } };
      if (details.prompt.name === "consent") {
        const grant = new provider.Grant({ accountId: actor.userId, clientId: String(details.params.client_id) });
        const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
        if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
        if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
        result = { consent: { grantId: await grant.save() } };
      }
      reply.hijack();
      await provider.interactionFinished(req.raw, reply.raw, result, { mergeWithLastSubmission: false });
    });

    scope.all("/oidc/*", hidden, async (req, reply) => {
      const provider = await providerFor(req);
      const raw = req.raw as ArchipelRequest;
      // the provider routes on the path below its mount point and rebuilds its URLs from originalUrl
      raw.originalUrl ??= raw.url;
      raw.url = raw.url!.slice("/oidc".length) || "/";
      const name = await platformName(req);
      raw.archipel = {
        actor: req.actor.kind === "user" ? req.actor : null,
        locale: req.locale,
        platformName: name,
        endSession: () => endSessionHeader(k, req),
      };
      reply.raw.setHeader("content-security-policy", PAGE_CSP);
      let cb = callbacks.get(provider);
      if (!cb) {
        cb = provider.callback();
        callbacks.set(provider, cb);
      }
      reply.hijack();
      cb(raw, reply.raw);
    });

    // ---- CAS 3.0 ----
    scope.get<{ Querystring: { service?: string; gateway?: string; renew?: string } }>("/cas/login", hidden, async (req, reply) => {
      const { service } = req.query;
      const renew = flag(req.query.renew);
      // renew (§2.1.1): the password is asked for even within a session, and the ticket says so;
      // it takes precedence over gateway
      const gateway = flag(req.query.gateway) && !renew;
      const back = `/cas/login?service=${encodeURIComponent(service ?? "")}${renew ? "&renew=true" : ""}`;
      if (req.actor.kind !== "user") {
        // gateway: a service asking "signed in already?" gets its answer (no) without a sign-in page
        if (gateway && (await casServiceFor(k, req.tenant!.id, service))) return reply.redirect(service!);
        return reply.redirect(signInAt(req, back));
      }
      if (renew) {
        const started = await sessionStartedAt(k.db, req.tenant!.id, req.actor.sessionId);
        if (!started || Date.now() - started.getTime() > RENEW_WINDOW_MS) return reply.header("cache-control", "no-store").redirect(signInAt(req, back));
      }
      const out = await issueTicket(k, req.actor, service, renew);
      if (out.kind === "redirect") return reply.header("cache-control", "no-store").redirect(out.url);
      if (out.kind === "not_offered")
        return html(reply, 403, messagePage(req.locale, "ui.idp.cas.notOfferedTitle", "ui.idp.cas.notOffered", { service: out.name }));
      return html(reply, 400, messagePage(req.locale, "ui.idp.cas.unknownTitle", "ui.idp.cas.unknown", { platform: await platformName(req) }));
    });

    const validate = async (req: FastifyRequest<{ Querystring: { service?: string; ticket?: string; renew?: string } }>, reply: FastifyReply) => {
      const v = await validateTicket(k, req.tenant!, req.query.service, req.query.ticket, flag(req.query.renew));
      return reply.type("application/xml; charset=utf-8").header("cache-control", "no-store").send(serviceResponse(v, req.tenant!));
    };
    scope.get("/cas/p3/serviceValidate", hidden, validate);
    scope.get("/cas/serviceValidate", hidden, validate); // CAS 2.0 clients: the same answer, attributes included

    scope.get<{ Querystring: { service?: string } }>("/cas/logout", hidden, async (req, reply) => {
      const { continueAt } = await endSession(k, req, reply);
      const registered = await casServiceFor(k, req.tenant!.id, req.query.service);
      // OpenID Connect services of the same session with a front-channel address are told on the way
      if (continueAt) return reply.redirect(`${req.basePath}${continueAt}${registered ? `&next=${encodeURIComponent(req.query.service!)}` : ""}`);
      if (registered) return reply.redirect(req.query.service!);
      return html(reply, 200, messagePage(req.locale, "ui.idp.logout.doneTitle", "ui.idp.logout.done", { platform: await platformName(req) }));
    });

    // ---- after signing out on Archipel's own page ----
    // the services signed into with OpenID Connect that have a front-channel logout address are
    // loaded in hidden frames (s = "<client id> <sid>", as the sign-out answered), then sign-in
    scope.get<{ Querystring: { s?: string | string[]; next?: string } }>("/idp/signed-out", hidden, async (req, reply) => {
      const pairs = ([] as string[]).concat(req.query.s ?? []).slice(0, MAX_FRAMES);
      const clients = await frontchannelUris(
        k.db,
        req.tenant!.id,
        pairs.map((p) => p.split(" ")[0]),
      );
      const frames = frontchannelFrames(`${platformBase(req)}/oidc`, pairs, clients);
      // then on to the CAS service that asked for the sign-out (/cas/logout?service=), if registered
      const next = (await casServiceFor(k, req.tenant!.id, req.query.next)) ? req.query.next! : `${req.basePath}/sign-in`;
      reply.header("content-security-policy", PAGE_CSP);
      return html(reply, 200, frontchannelPage(req.locale, await platformName(req), frames, next));
    });
  });
}
