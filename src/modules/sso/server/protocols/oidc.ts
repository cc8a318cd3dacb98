import * as client from "openid-client";
import { isNetworkError, SsoFailure } from "../failure.ts";
import type { OidcSettings, ProviderRow } from "../repo.ts";
import { type Attributes, isLoopback } from "./attributes.ts";

/** Discovered provider metadata per provider version, for ten minutes (each node). */
const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; config: client.Configuration }>();

async function configuration(p: ProviderRow): Promise<client.Configuration> {
  const s = p.settings as OidcSettings;
  const key = `${p.tenant_id}:${p.id}:${new Date(p.updated_at).getTime()}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.config;
  const url = new URL(s.issuer);
  const insecure = url.protocol === "http:" && isLoopback(url.hostname);
  try {
    const config = await client.discovery(url, s.clientId, p.secret ?? undefined, undefined, {
      timeout: 10,
      ...(insecure && { execute: [client.allowInsecureRequests] }),
    });
    if (cache.size > 1000) cache.clear();
    cache.set(key, { at: Date.now(), config });
    return config;
  } catch (e) {
    throw new SsoFailure(isNetworkError(e) ? "unreachable" : "response_invalid", `discovery ${s.issuer}: ${(e as Error).message}`);
  }
}

/** Authorization code flow with PKCE (S256), the flow id as state and a fresh nonce. */
export async function oidcStart(p: ProviderRow, state: string, redirectUri: string) {
  const config = await configuration(p);
  const codeVerifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: (p.settings as OidcSettings).scopes || "openid",
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.href, codeVerifier, nonce };
}

/** Exchanges the code (state, PKCE and nonce checked by openid-client), then reads the userinfo claims. */
export async function oidcFinish(
  p: ProviderRow,
  flow: { id: string; code_verifier: string | null; nonce: string | null },
  callbackUrl: URL,
): Promise<Attributes> {
  const config = await configuration(p);
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.code_verifier ?? "",
      expectedState: flow.id,
      expectedNonce: flow.nonce ?? "",
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new SsoFailure("response_invalid", "no ID token");
    const info = config.serverMetadata().userinfo_endpoint ? await client.fetchUserInfo(config, tokens.access_token, claims.sub) : {};
    return { ...info, ...claims };
  } catch (e) {
    if (e instanceof SsoFailure) throw e;
    throw oidcFailure(e);
  }
}

function oidcFailure(e: unknown): SsoFailure {
  const err = e as { code?: string; error?: string; message?: string };
  const detail = `${err.code ?? ""} ${err.error ?? ""} ${err.message ?? ""}`.trim();
  if (isNetworkError(e)) return new SsoFailure("unreachable", detail);
  if (e instanceof client.AuthorizationResponseError) return new SsoFailure(err.error === "access_denied" ? "denied" : "response_invalid", detail);
  if (/SIGNATURE|KEY_SELECTION/.test(err.code ?? "")) return new SsoFailure("signature_invalid", detail);
  if (err.code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED") return new SsoFailure("expired", detail);
  if (/state/.test(err.message ?? "")) return new SsoFailure("state_mismatch", detail);
  return new SsoFailure("response_invalid", detail);
}
