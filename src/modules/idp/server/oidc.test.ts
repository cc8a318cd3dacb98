import { createServer, type Server } from "node:http";
import { createRemoteJWKSet, jwtVerify } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserJar } from "../../../../test/browser-jar.ts";
import { makeOrg, makePlatform, makeUser, PASSWORD, rootOf } from "../../../../test/factories.ts";
import { signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";

/**
 * Archipel's OpenID Connect provider against a real relying party (openid-client) over HTTP on
 * loopback: authorization code with PKCE, state and nonce, ID token and userinfo claims, RP-initiated
 * logout ending the Archipel session with back-channel logout to the service, and the refusals.
 */
let t: TestApp;
let origin: string;
let p: Awaited<ReturnType<typeof makePlatform>>;
let other: Awaited<ReturnType<typeof makePlatform>>;
let classA: { id: string };
let rp: Server;
let rpUrl: string;
const logoutTokens: string[] = [];
const client = { id: "", secret: "", serviceId: "" };

const issuerOf = (slug: string) => `${origin}/p/${slug}/oidc`;
const configFor = (slug: string, id = client.id, secret = client.secret) =>
  oidc.discovery(new URL(issuerOf(slug)), id, undefined, oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });

/** An authorization request of the registered client to its callback, with the PKCE challenge of `verifier`. */
const authorizationUrl = async (config: oidc.Configuration, verifier: string, params: Record<string, string> = {}) =>
  oidc.buildAuthorizationUrl(config, {
    redirect_uri: `${rpUrl}/cb`,
    scope: "openid",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    ...params,
  });

beforeAll(async () => {
  // the service runs on loopback: the provider may call it (back-channel logout)
  t = await testApp({ RATE_LIMIT_PER_MINUTE: "100000", IDP_PRIVATE_NETWORK_SERVICES: "true" });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  origin = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  p = await makePlatform(t.k, "college");
  other = await makePlatform(t.k, "lycee");
  const school = await makeOrg(t.k, p.tenantId, rootOf(p), "Collège Jean Moulin", "school");
  classA = await makeOrg(t.k, p.tenantId, school, "5e A", "class");
  const lea = await makeUser(t.k, p.tenantId, classA.id, "lea", "learner");
  await t.k.db
    .updateTable("users")
    .set({ given_name: "Léa", family_name: "Petit", locale: "en" })
    .where("tenant_id", "=", p.tenantId)
    .where("id", "=", lea.id)
    .execute();
  await makeUser(t.k, p.tenantId, school.id, "parent.petit", "parent");
  await makeUser(t.k, other.tenantId, other.rootOrgId, "lea", "learner");
  // the service's back-channel logout endpoint
  rp = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      logoutTokens.push(new URLSearchParams(body).get("logout_token") ?? "");
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((ok) => rp.listen(0, "127.0.0.1", ok));
  rpUrl = `http://127.0.0.1:${(rp.address() as { port: number }).port}`;
});
afterAll(async () => {
  rp?.close();
  await t?.close();
});

describe("client registration", () => {
  it("registers a service's client once, shows the secret once, and only to the admins of the service's node", async () => {
    const admin = await signedIn(t.app, { base: "/p/college" }, p.adminLogin);
    const svc = await admin.post(`/api/v1/portal/orgs/${p.rootOrgId}/services`, {
      name: "Nuage",
      url: `${rpUrl}/login`,
      signOn: "oidc",
      profiles: ["learner", "teacher"],
    });
    expect(svc.status, JSON.stringify(svc.body)).toBe(200);
    client.serviceId = svc.body.serviceId;
    const bad = await admin.put(`/api/v1/idp/services/${client.serviceId}/client`, { redirectUris: ["http://evil.example/cb", "not a url"] });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["redirectUris.0", "redirectUris.1"]);
    const r = await admin.put(`/api/v1/idp/services/${client.serviceId}/client`, {
      redirectUris: [`${rpUrl}/cb`],
      postLogoutRedirectUris: [`${rpUrl}/bye`],
      backchannelLogoutUri: `${rpUrl}/backchannel`,
      frontchannelLogoutUri: `${rpUrl}/front?app=nuage`,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.issuer).toBe(`http://localhost/p/college/oidc`);
    expect(r.body.clientSecret).toEqual(expect.any(String));
    client.id = r.body.client.clientId;
    client.secret = r.body.clientSecret;
    const again = await admin.get(`/api/v1/idp/services/${client.serviceId}`);
    expect(again.body.client.clientId).toBe(client.id);
    expect(JSON.stringify(again.body)).not.toContain(client.secret);
    // stored as a hash only
    const row = await t.k.db.selectFrom("idp_clients").selectAll().where("tenant_id", "=", p.tenantId).executeTakeFirstOrThrow();
    expect(row.secret_hash).not.toBe(client.secret);
    const learner = await signedIn(t.app, { base: "/p/college" }, "lea");
    expect((await learner.get(`/api/v1/idp/services/${client.serviceId}`)).status).toBe(403);
    const stranger = await signedIn(t.app, { base: "/p/lycee" }, other.adminLogin);
    expect((await stranger.get(`/api/v1/idp/services/${client.serviceId}`)).status).toBe(404);
  });
});

describe("sign-in through Archipel", () => {
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  let config: oidc.Configuration;
  const jar = new BrowserJar();

  it("sends a signed-out person to Archipel's sign-in page and back, then to the service with a code (PKCE, state, nonce)", async () => {
    config = await configFor("college");
    expect(config.serverMetadata().issuer).toBe(issuerOf("college"));
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = await authorizationUrl(config, verifier, { scope: "openid profile email archipel", state, nonce });
    const toSignIn = await jar.follow(url.href);
    expect(toSignIn.url).toMatch(new RegExp(`^${origin}/p/college/sign-in\\?next=%2Foidc%2Finteraction%2F`));
    const next = new URL(toSignIn.url).searchParams.get("next")!;
    await jar.signIn(`${origin}/p/college`, "lea", PASSWORD);
    const back = await jar.follow(`${origin}/p/college${next}`, `${rpUrl}/cb`);
    expect(back.url).toContain(`${rpUrl}/cb?code=`);
    tokens = await oidc.authorizationCodeGrant(config, new URL(back.url), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      iss: issuerOf("college"),
      aud: client.id,
      name: "Léa Petit",
      given_name: "Léa",
      family_name: "Petit",
      preferred_username: "lea",
      email: "lea@example.test",
      locale: "en",
      user_profile: "learner",
      platform: { id: p.tenantId, slug: "college", name: "Plateforme college" },
      classes: [{ id: classA.id, name: "5e A", role: "learner" }],
    });
    expect(claims.sub).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
  });

  it("answers userinfo with the same claims, and keeps only hashes of codes and tokens", async () => {
    const info = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    expect(info).toMatchObject({
      sub: tokens.claims()!.sub,
      name: "Léa Petit",
      user_profile: "learner",
      classes: [{ name: "5e A" }],
      platform: { slug: "college" },
    });
    const rows = await t.k.db.selectFrom("idp_models").select(["model", "id_hash", "payload"]).where("tenant_id", "=", p.tenantId).execute();
    expect(rows.map((r) => r.model)).toEqual(expect.arrayContaining(["AccessToken", "AuthorizationCode", "Session", "Grant"]));
    const all = JSON.stringify(rows);
    expect(all).not.toContain(tokens.access_token);
  });

  it("signs the same person in again without any page (no consent screen), and the sub is stable", async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const url = await authorizationUrl(config, verifier, { state: "s2" });
    const back = await jar.follow(url.href, `${rpUrl}/cb`);
    expect(back.url).toContain("code=");
    const again = await oidc.authorizationCodeGrant(config, new URL(back.url), { pkceCodeVerifier: verifier, expectedState: "s2" });
    expect(again.claims()!.sub).toBe(tokens.claims()!.sub);
  });

  it("refuses a code used twice, a wrong secret, a missing PKCE challenge and a redirect URI that is not exactly registered", async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const url = await authorizationUrl(config, verifier, { state: "s3" });
    const back = await jar.follow(url.href, `${rpUrl}/cb`);
    await oidc.authorizationCodeGrant(config, new URL(back.url), { pkceCodeVerifier: verifier, expectedState: "s3" });
    await expect(oidc.authorizationCodeGrant(config, new URL(back.url), { pkceCodeVerifier: verifier, expectedState: "s3" })).rejects.toMatchObject({
      error: "invalid_grant",
    });

    const wrong = await configFor("college", client.id, "not-the-secret");
    const url2 = await authorizationUrl(wrong, verifier, { state: "s4" });
    const back2 = await jar.follow(url2.href, `${rpUrl}/cb`);
    const refused = await oidc.authorizationCodeGrant(wrong, new URL(back2.url), { pkceCodeVerifier: verifier, expectedState: "s4" }).catch((e) => e);
    expect(refused).toMatchObject({ status: 401, cause: [{ parameters: { error: "invalid_client" } }] });

    const noPkce = new URL(url.href);
    noPkce.searchParams.delete("code_challenge");
    noPkce.searchParams.delete("code_challenge_method");
    const r = await jar.follow(noPkce.href, `${rpUrl}/cb`);
    expect(new URL(r.url).searchParams.get("error")).toBe("invalid_request");

    for (const uri of [`${rpUrl}/cb/extra`, `${rpUrl}/cb?x=1`, `${rpUrl}/CB`]) {
      const bad = new URL(url.href);
      bad.searchParams.set("redirect_uri", uri);
      const res = await jar.follow(bad.href, rpUrl);
      expect(res.url, uri).toBe(bad.href); // never sent there: an error page
      expect(res.res.status).toBe(400);
      expect(await res.res.text()).toContain("redirect_uri");
    }
  });

  it("ends the Archipel session with RP-initiated logout and tells the service over the back channel", async () => {
    const sub = tokens.claims()!.sub;
    const end = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${rpUrl}/bye`, state: "bye" });
    const page = await jar.follow(end.href);
    expect(page.res.status).toBe(200);
    const html = await page.res.text();
    expect(html).toContain("Plateforme college");
    const done = await jar.submit(page.url, html, "op.logoutForm", { logout: "yes" }, `${rpUrl}/bye`);
    // front channel: the service's logout address in a frame (with the issuer and the session id it
    // was given in the ID token), then on to the service's post-logout address
    expect(done.res.status).toBe(200);
    const after = await done.res.text();
    const frame = new URL(/<iframe src="([^"]+)"/.exec(after)![1].replaceAll("&#38;", "&"));
    expect(frame.origin + frame.pathname).toBe(`${rpUrl}/front`);
    expect(Object.fromEntries(frame.searchParams)).toEqual({ app: "nuage", iss: issuerOf("college"), sid: tokens.claims()!.sid });
    expect(/id="continue" href="([^"]+)"/.exec(after)![1].replaceAll("&#38;", "&")).toBe(`${rpUrl}/bye?state=bye`);
    const me = await jar.fetch(`${origin}/p/college/api/v1/me`);
    expect(me.status).toBe(401);
    expect(logoutTokens).toHaveLength(1);
    const { payload } = await jwtVerify(logoutTokens[0], createRemoteJWKSet(new URL(`${issuerOf("college")}/jwks`)), {
      issuer: issuerOf("college"),
      audience: client.id,
    });
    expect(payload.sub).toBe(sub);
    expect(payload.events).toHaveProperty(["http://schemas.openid.net/event/backchannel-logout"]);
    // signed out of Archipel, a silent request is answered login_required
    const silent = await authorizationUrl(config, "x".repeat(43), { prompt: "none" });
    const r = await jar.follow(silent.href, `${rpUrl}/cb`);
    expect(new URL(r.url).searchParams.get("error")).toBe("login_required");
  });
});

describe("refusals", () => {
  it("a client of one platform is unknown at another platform's provider", async () => {
    const jar = new BrowserJar();
    await jar.signIn(`${origin}/p/lycee`, "lea", PASSWORD);
    const config = await configFor("lycee");
    const url = await authorizationUrl(config, "y".repeat(43), { state: "x" });
    const r = await jar.follow(url.href, rpUrl);
    expect(r.res.status).toBe(400);
    expect(await r.res.text()).toContain("invalid_client");
  });

  it("a person whose portal does not offer the service is refused (access_denied)", async () => {
    const jar = new BrowserJar();
    await jar.signIn(`${origin}/p/college`, "parent.petit", PASSWORD);
    const config = await configFor("college");
    const url = await authorizationUrl(config, "z".repeat(43), { state: "p" });
    const r = await jar.follow(url.href, `${rpUrl}/cb`);
    expect(new URL(r.url).searchParams.get("error")).toBe("access_denied");
  });
});
