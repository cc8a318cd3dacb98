import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyRequest } from "fastify";
import Provider, { errors, interactionPolicy, type KoaContextWithOIDC } from "oidc-provider";
import type { Tenant, UserActor } from "../../../kernel/auth/actor.ts";
import { hashToken } from "../../../kernel/auth/tokens.ts";
import type { Locale } from "../../../kernel/i18n.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { serviceVisibleTo } from "../../portal/server/index.ts";
import { databaseAdapter } from "./adapter.ts";
import { claimsOf, SCOPE_CLAIMS } from "./claims.ts";
import { platformKeys } from "./keys.ts";
import { frontchannelPage, logoutPage, messagePage } from "./pages.ts";
import { findPerson, frontchannelUris } from "./repo.ts";

/** What Archipel hands the provider with each request: who is signed in, in which language, and how to end that session. */
export type ArchipelRequest = IncomingMessage & {
  originalUrl?: string;
  archipel?: { actor: UserActor | null; locale: Locale; platformName: string; endSession(): Promise<string | null> };
};
const archipel = (ctx: KoaContextWithOIDC) => (ctx.req as ArchipelRequest).archipel;

const caches = new WeakMap<Kernel, Map<string, Promise<Provider>>>();

/**
 * One oidc-provider per platform address: the issuer is the platform's own origin (and /p/<slug>
 * in path mode) followed by /oidc. Providers are built once per node and share everything else
 * (models, keys) through the database.
 */
export function providerAt(k: Kernel, tenant: Tenant, issuer: string) {
  let cache = caches.get(k);
  if (!cache) {
    const made = new Map<string, Promise<Provider>>();
    k.bus.subscribe("platforms.changed", () => made.clear());
    caches.set(k, made);
    cache = made;
  }
  const key = `${tenant.id} ${issuer}`;
  let p = cache.get(key);
  if (!p) {
    if (cache.size > 500) cache.clear();
    p = buildProvider(k, tenant, issuer, basePathOf(issuer));
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** The platform's base path (/p/<slug> in path mode, else empty) of an issuer. */
export const basePathOf = (issuer: string) => new URL(issuer).pathname.replace(/\/oidc$/, "");

/** The provider of the platform at the request's address. */
export function providerRegistry(k: Kernel) {
  return (req: FastifyRequest) => providerAt(k, req.tenant!, `${req.protocol}://${req.host}${req.basePath}/oidc`);
}

async function buildProvider(k: Kernel, tenant: Tenant, issuer: string, basePath: string) {
  const { jwks, cookieKeys } = await platformKeys(k, tenant.id);
  const policy = interactionPolicy.base();
  // the provider's session follows Archipel's: signed out of Archipel, or signed in as someone
  // else, the next authorization goes through sign-in again
  policy
    .get("login")
    .checks.push(
      new interactionPolicy.Check("archipel_session", "the Archipel session ended or changed", "login_required", (ctx) =>
        ctx.oidc.session?.accountId !== archipel(ctx)?.actor?.userId ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT,
      ),
    );
  const provider = new Provider(issuer, {
    // the provider's sessions remember the Archipel session they follow: its end ends them (single-logout.ts)
    adapter: databaseAdapter(k.db, tenant.id, () => {
      const ctx = Provider.ctx;
      const actor = ctx && archipel(ctx)?.actor;
      return actor ? { sessionId: actor.sessionId, userId: actor.userId, issuer } : undefined;
    }),
    jwks,
    cookies: { keys: cookieKeys },
    clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    scopes: Object.keys(SCOPE_CLAIMS),
    claims: SCOPE_CLAIMS,
    // ID tokens carry the scopes' claims too: services that read only the ID token get them
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // outgoing calls (back-channel logout) keep the library's guard against private addresses
    // unless the deployment says its services live on its own network
    ...(k.config.IDP_PRIVATE_NETWORK_SERVICES && {
      fetch: (url: string, options: RequestInit & { dispatcher?: unknown }) => globalThis.fetch(url, { ...options, dispatcher: undefined } as RequestInit),
    }),
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 3600,
      IdToken: 3600,
      Interaction: 3600,
      // the provider's session and grants last as long as an Archipel session may
      Session: k.config.SESSION_DAYS * 86400,
      Grant: k.config.SESSION_DAYS * 86400,
    },
    allowOmittingSingleRegisteredRedirectUri: false,
    async findAccount(_ctx: KoaContextWithOIDC, sub: string) {
      const person = await findPerson(k.db, tenant.id, sub);
      if (!person) return undefined;
      return { accountId: sub, claims: async () => claimsOf(person, tenant) };
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `${basePath}/oidc/interaction/${interaction.uid}`, policy },
    // services registered by an admin need no consent screen: the grant is made (or widened) here;
    // a service that is not in the person's portal is refused
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session } = ctx.oidc;
      const actor = archipel(ctx)?.actor;
      if (!client || !session?.accountId || actor?.userId !== session.accountId) return undefined;
      const row = await k.db
        .selectFrom("idp_clients")
        .select("service_id")
        .where("tenant_id", "=", tenant.id)
        .where("client_id", "=", client.clientId)
        .executeTakeFirst();
      if (!row || !(await serviceVisibleTo(k, actor, row.service_id))) throw new errors.AccessDenied("this service is not offered to this person");
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      let grant = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      if (grant && (grant.accountId !== session.accountId || grant.clientId !== client.clientId)) grant = undefined;
      grant ??= new ctx.oidc.provider.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(" "));
      if (ctx.oidc.requestParamClaims.size) grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          const a = archipel(ctx);
          ctx.type = "html";
          ctx.body = logoutPage(a?.locale ?? "fr", a?.platformName ?? "", ctx.oidc.client?.clientName, form);
        },
        async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          const a = archipel(ctx);
          ctx.type = "html";
          ctx.body = messagePage(a?.locale ?? "fr", "ui.idp.logout.doneTitle", "ui.idp.logout.done", { platform: a?.platformName ?? "" });
        },
      },
    },
    async renderError(ctx: KoaContextWithOIDC, out: { error?: string; error_description?: string }) {
      const a = archipel(ctx);
      ctx.type = "html";
      ctx.body = messagePage(a?.locale ?? "fr", "ui.idp.error.title", "ui.idp.error.text", {}, [out.error, out.error_description].filter(Boolean).join(": "));
    },
  });
  provider.proxy = k.config.TRUST_PROXY;
  // client secrets are stored as their SHA-256 (shown once at registration): compare hashes
  provider.Client.prototype.compareClientSecret = function (actual: string) {
    const a = Buffer.from(this.clientSecret);
    const b = Buffer.from(hashToken(String(actual)));
    return a.length === b.length && timingSafeEqual(a, b);
  };
  // RP-initiated logout ends the Archipel session too, before the response leaves, when the person
  // chose to sign out ("stay signed in" signs out of the asking service only)
  provider.on("end_session.success", (ctx: KoaContextWithOIDC) => {
    if (ctx.oidc.params?.logout) ctx.state.endArchipelSession = true;
  });
  provider.use(async (ctx, next) => {
    // front-channel logout: which services the session signed into, read before the session goes
    const sids = ctx.method === "POST" && ctx.path === "/session/end/confirm" ? await sessionSids(provider, ctx) : [];
    await next();
    if (!ctx.state.endArchipelSession) return;
    const cookie = await archipel(ctx)?.endSession();
    if (cookie) ctx.res.appendHeader("set-cookie", cookie);
    const uris = await frontchannelUris(
      k.db,
      tenant.id,
      sids.map((s) => s.clientId),
    );
    const next_ = ctx.response.get("location");
    if (!uris.length || !next_) return;
    const frames = uris.map((u) => {
      const url = new URL(u.frontchannel_logout_uri!);
      url.searchParams.set("iss", issuer);
      url.searchParams.set("sid", sids.find((s) => s.clientId === u.client_id)!.sid);
      return url.href;
    });
    const a = archipel(ctx);
    ctx.remove("location");
    ctx.status = 200;
    ctx.type = "html";
    ctx.body = frontchannelPage(a?.locale ?? "fr", a?.platformName ?? "", frames, next_);
  });
  return provider;
}

/** The clients the browser's provider session signed into, with the session id each was told (sid). */
async function sessionSids(provider: Provider, ctx: KoaContextWithOIDC) {
  const id = ctx.cookies.get(provider.cookieName("session"), { signed: true });
  const session = id ? await provider.Session.find(id) : undefined;
  return Object.entries(session?.authorizations ?? {}).flatMap(([clientId, a]) => (a.sid ? [{ clientId, sid: a.sid }] : []));
}
