import { createServer, type Server } from "node:http";
import { XMLParser } from "fast-xml-parser";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { sql } from "kysely";
import * as oidc from "openid-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BrowserJar } from "../../../../test/browser-jar.ts";
import { makeOrg, makePlatform, makeUser, PASSWORD, rootOf } from "../../../../test/factories.ts";
import { signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { runJobs } from "../../../kernel/jobs.ts";

/**
 * Single sign-out started on Archipel's side, against real peers over HTTP on loopback: an
 * OpenID Connect relying party (openid-client) with back-channel and front-channel logout
 * addresses, and CAS services (the service's side of CAS written here) that receive the SAML
 * LogoutRequest. The jobs that call the services are drained with runJobs.
 */
let t: TestApp;
let origin: string;
let base: string;
let p: Awaited<ReturnType<typeof makePlatform>>;
let rp: Server;
let rpUrl: string;
/** what the services received: path and form body */
let received: { path: string; form: URLSearchParams }[] = [];
/** paths that answer 500 (a service down) */
const failing = new Set<string>();
const client = { id: "", secret: "" };
const cas = { moodle: "", wiki: "", wikiId: "", moodleId: "" };
const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: "" });

const issuer = () => `${base}/oidc`;

beforeAll(async () => {
  t = await testApp({ RATE_LIMIT_PER_MINUTE: "100000", IDP_PRIVATE_NETWORK_SERVICES: "true" });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  origin = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  base = `${origin}/p/college`;
  p = await makePlatform(t.k, "college");
  const school = await makeOrg(t.k, p.tenantId, rootOf(p), "Collège Jean Moulin", "school");
  const classA = await makeOrg(t.k, p.tenantId, school, "5e A", "class");
  await makeUser(t.k, p.tenantId, classA.id, "lea", "learner");
  await makeUser(t.k, p.tenantId, classA.id, "tom", "learner");
  rp = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const path = new URL(req.url!, "http://x").pathname;
      if (req.method === "POST") received.push({ path, form: new URLSearchParams(body) });
      res.writeHead(failing.has(path) ? 500 : 200).end();
    });
  });
  await new Promise<void>((ok) => rp.listen(0, "127.0.0.1", ok));
  rpUrl = `http://127.0.0.1:${(rp.address() as { port: number }).port}`;

  const admin = await signedIn(t.app, { base: "/p/college" }, p.adminLogin);
  const nuage = await admin.post(`/api/v1/portal/orgs/${p.rootOrgId}/services`, {
    name: "Nuage",
    url: `${rpUrl}/login`,
    signOn: "oidc",
    profiles: ["learner"],
  });
  expect(nuage.status, JSON.stringify(nuage.body)).toBe(200);
  const c = await admin.put(`/api/v1/idp/services/${nuage.body.serviceId}/client`, {
    redirectUris: [`${rpUrl}/cb`],
    backchannelLogoutUri: `${rpUrl}/backchannel`,
    frontchannelLogoutUri: `${rpUrl}/front?app=nuage`,
  });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  client.id = c.body.client.clientId;
  client.secret = c.body.clientSecret;
  cas.moodle = `${rpUrl}/moodle`;
  cas.wiki = `${rpUrl}/wiki`;
  for (const [name, url] of [
    ["Moodle", cas.moodle],
    ["Wiki", cas.wiki],
  ]) {
    const s = await admin.post(`/api/v1/portal/orgs/${p.rootOrgId}/services`, { name, url, signOn: "cas", profiles: ["learner"] });
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    if (name === "Wiki") cas.wikiId = s.body.serviceId;
    else cas.moodleId = s.body.serviceId;
  }
  // the wiki does not do Single Logout
  const off = await admin.put(`/api/v1/idp/services/${cas.wikiId}/cas`, { singleLogout: false });
  expect(off.status, JSON.stringify(off.body)).toBe(200);
  expect(off.body.cas).toEqual({ singleLogout: false });
});
afterAll(async () => {
  rp?.close();
  await t?.close();
});
beforeEach(() => {
  received = [];
  failing.clear();
});

async function csrfOf(jar: BrowserJar) {
  return (await (await jar.fetch(`${base}/api/v1/me`)).json()).csrfToken as string;
}
/** Archipel's own sign-out, as the web shell's button calls it. */
async function signOut(jar: BrowserJar) {
  const r = await jar.fetch(`${base}/api/v1/auth/sign-out`, { method: "POST", headers: { "x-csrf-token": await csrfOf(jar) } });
  expect(r.status).toBe(200);
  return (await r.json()) as { ok: true; continueAt?: string };
}
async function signedInJar(login = "lea") {
  const jar = new BrowserJar();
  await jar.signIn(base, login, PASSWORD);
  return jar;
}

/** The relying party signs the browser in (the person is signed in to Archipel already: no page). */
async function rpSignIn(jar: BrowserJar, prompt?: "none") {
  const config = await oidc.discovery(new URL(issuer()), client.id, undefined, oidc.ClientSecretBasic(client.secret), {
    execute: [oidc.allowInsecureRequests],
  });
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: `${rpUrl}/cb`,
    scope: "openid profile",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: "st",
    ...(prompt && { prompt }),
  });
  const back = await jar.follow(url.href, `${rpUrl}/cb`);
  const at = new URL(back.url);
  if (at.searchParams.get("error")) return { error: at.searchParams.get("error"), config };
  const tokens = await oidc.authorizationCodeGrant(config, at, { pkceCodeVerifier: verifier, expectedState: "st" });
  return { tokens, config, sid: tokens.claims()!.sid as string, sub: tokens.claims()!.sub };
}

/** CAS: the service sends the browser to /cas/login and gets its ticket back. */
async function casTicket(jar: BrowserJar, service: string, extra = "") {
  const r = await jar.follow(`${base}/cas/login?service=${encodeURIComponent(service)}${extra}`, service);
  const ticket = new URL(r.url).searchParams.get("ticket");
  expect(ticket, r.url).toMatch(/^ST-/);
  return ticket!;
}
async function casValidate(service: string, ticket: string, extra = "") {
  const r = await fetch(`${base}/cas/p3/serviceValidate?service=${encodeURIComponent(service)}&ticket=${encodeURIComponent(ticket)}${extra}`);
  return xml.parse(await r.text()).serviceResponse;
}

const logoutTokens = () => received.filter((r) => r.path === "/backchannel").map((r) => r.form.get("logout_token")!);

describe("signing out on Archipel's own page, with OpenID Connect services", () => {
  it("sends the service a signed logout token for that session's sid, and passes the browser through its front-channel address", async () => {
    const jar = await signedInJar();
    const other = await signedInJar(); // the same person on another device
    const here = await rpSignIn(jar);
    const there = await rpSignIn(other);
    expect(here.sid).not.toBe(there.sid);
    const out = await signOut(jar);
    // nothing is called during the request: the jobs do it
    expect(logoutTokens()).toEqual([]);
    expect(out.continueAt).toMatch(/^\/idp\/signed-out\?/);
    await runJobs(t.k);
    expect(logoutTokens()).toHaveLength(1);
    const token = logoutTokens()[0];
    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(`${issuer()}/jwks`)), { issuer: issuer(), audience: client.id });
    expect(protectedHeader.typ).toBe("logout+jwt");
    expect(payload).toMatchObject({ sub: here.sub, sid: here.sid, events: { "http://schemas.openid.net/event/backchannel-logout": {} } });
    expect(payload.jti).toEqual(expect.any(String));
    expect(payload).not.toHaveProperty("nonce");

    // front channel: the page the sign-out answered loads the service's logout address with iss and sid
    const page = await jar.fetch(`${base}${out.continueAt}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("frame-src http: https:");
    const html = await page.text();
    const frames = [...html.matchAll(/<iframe src="([^"]+)"/g)].map((m) => new URL(m[1].replaceAll("&#38;", "&")));
    expect(frames.map((f) => Object.fromEntries(f.searchParams))).toEqual([{ app: "nuage", iss: issuer(), sid: here.sid }]);
    expect(/id="continue" href="([^"]+)"/.exec(html)![1]).toBe("/p/college/sign-in");

    // this browser's provider session is gone and its tokens revoked; the other device keeps its own
    expect((await rpSignIn(jar, "none")).error).toBe("login_required");
    await expect(oidc.fetchUserInfo(here.config, here.tokens!.access_token, here.sub!)).rejects.toBeTruthy();
    expect((await other.fetch(`${base}/api/v1/me`)).status).toBe(200);
    expect((await oidc.fetchUserInfo(there.config, there.tokens!.access_token, there.sub!)).sub).toBe(there.sub);
    const silent = await rpSignIn(other, "none");
    expect(silent.sid).toBe(there.sid);
    await signOut(other);
    await runJobs(t.k);
  });

  it("a service's sign-out answered 'stay signed in' signs out of that service only: the Archipel session and its CAS logins go on", async () => {
    const jar = await signedInJar();
    const ticket = await casTicket(jar, cas.moodle);
    await casValidate(cas.moodle, ticket);
    const signed = await rpSignIn(jar);
    const end = oidc.buildEndSessionUrl(signed.config, { id_token_hint: signed.tokens!.id_token! });
    const page = await jar.follow(end.href);
    await jar.submit(page.url, await page.res.text(), "op.logoutForm", {});
    await runJobs(t.k);
    expect((await jar.fetch(`${base}/api/v1/me`)).status).toBe(200);
    // the service that asked is signed out (by the provider); the CAS service is not told anything
    expect(received.map((r) => r.path)).toEqual(["/backchannel"]);
    await signOut(jar);
    await runJobs(t.k);
  });

  it("a page address naming a client without front-channel logout, or made up, loads no frame", async () => {
    const jar = new BrowserJar();
    const page = await jar.fetch(
      `${base}/idp/signed-out?s=${encodeURIComponent("unknown-client abc")}&s=${encodeURIComponent(`${client.id}`)}&next=https://evil.example/`,
    );
    const html = await page.text();
    expect(html).not.toContain("<iframe");
    expect(/id="continue" href="([^"]+)"/.exec(html)![1]).toBe("/p/college/sign-in");
  });

  it("signing out without a service session answers no page to pass through and calls no one", async () => {
    const jar = await signedInJar();
    expect(await signOut(jar)).toEqual({ ok: true });
    await runJobs(t.k);
    expect(received).toEqual([]);
  });

  it("'sign out my other sessions' and a revoked session tell the services of those sessions only", async () => {
    const phone = await signedInJar();
    const tablet = await signedInJar();
    const laptop = await signedInJar();
    const onPhone = await rpSignIn(phone);
    const onTablet = await rpSignIn(tablet);
    const onLaptop = await rpSignIn(laptop);
    // from the laptop: revoke the tablet's session
    const sessions = (await (await laptop.fetch(`${base}/api/v1/account/sessions`)).json()).items as { id: string; current?: boolean }[];
    const tabletSession = await t.k.db
      .selectFrom("idp_models")
      .select("archipel_session_id")
      .where("tenant_id", "=", p.tenantId)
      .where("model", "=", "Session")
      .where(sql<boolean>`payload->'authorizations'->${client.id}->>'sid' = ${onTablet.sid}`)
      .executeTakeFirstOrThrow();
    expect(sessions.map((s) => s.id)).toContain(tabletSession.archipel_session_id);
    const csrf = await csrfOf(laptop);
    const revoked = await laptop.fetch(`${base}/api/v1/account/sessions/${tabletSession.archipel_session_id}`, {
      method: "DELETE",
      headers: { "x-csrf-token": csrf },
    });
    expect(revoked.status).toBe(200);
    await runJobs(t.k);
    expect(logoutTokens().map((x) => decodeJwt(x).sid)).toEqual([onTablet.sid]);
    received = [];
    // then every other session
    const others = await laptop.fetch(`${base}/api/v1/account/sessions/sign-out-others`, { method: "POST", headers: { "x-csrf-token": csrf } });
    expect(others.status).toBe(200);
    await runJobs(t.k);
    expect(logoutTokens().map((x) => decodeJwt(x).sid)).toEqual([onPhone.sid]);
    expect((await rpSignIn(laptop, "none")).sid).toBe(onLaptop.sid);
  });
});

describe("CAS Single Logout", () => {
  it("posts the LogoutRequest naming the validated ticket to each service of the session that does Single Logout", async () => {
    const jar = await signedInJar();
    const moodle = `${cas.moodle}/login/index.php`;
    const ticket = await casTicket(jar, moodle);
    expect((await casValidate(moodle, ticket)).authenticationSuccess.user).toBe("lea");
    const wikiTicket = await casTicket(jar, cas.wiki);
    expect((await casValidate(cas.wiki, wikiTicket)).authenticationSuccess.user).toBe("lea");
    // another person's session is not concerned
    const tom = await signedInJar("tom");
    const tomTicket = await casTicket(tom, cas.moodle);
    expect((await casValidate(cas.moodle, tomTicket)).authenticationSuccess.user).toBe("tom");
    // a ticket issued but not yet validated when the session ends never validates
    const pending = await casTicket(jar, cas.moodle);

    const out = await signOut(jar);
    expect(out).toEqual({ ok: true });
    expect(received).toEqual([]);
    await runJobs(t.k);
    expect(received.map((r) => r.path)).toEqual(["/moodle/login/index.php"]);
    const request = received[0].form.get("logoutRequest")!;
    const parsed = xml.parse(request).LogoutRequest;
    expect(parsed).toMatchObject({ Version: "2.0", NameID: "@NOT_USED@", SessionIndex: ticket });
    expect(parsed.ID).toEqual(expect.any(String));
    expect(Date.now() - new Date(parsed.IssueInstant).getTime()).toBeLessThan(60_000);
    expect(request).toContain('xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"');
    expect((await casValidate(cas.moodle, pending)).authenticationFailure).toMatchObject({ code: "INVALID_TICKET" });

    received = [];
    await signOut(tom);
    await runJobs(t.k);
    expect(received.map((r) => xml.parse(r.form.get("logoutRequest")!).LogoutRequest.SessionIndex)).toEqual([tomTicket]);
  });

  it("/cas/logout and RP-initiated OpenID Connect logout end the session's CAS logins too", async () => {
    const jar = await signedInJar();
    const ticket = await casTicket(jar, cas.moodle);
    await casValidate(cas.moodle, ticket);
    const r = await jar.fetch(`${base}/cas/logout?service=${encodeURIComponent(cas.moodle)}`);
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe(cas.moodle);
    await runJobs(t.k);
    expect(received.map((x) => xml.parse(x.form.get("logoutRequest")!).LogoutRequest.SessionIndex)).toEqual([ticket]);

    received = [];
    await jar.signIn(base, "lea", PASSWORD);
    const again = await casTicket(jar, cas.moodle);
    await casValidate(cas.moodle, again);
    const signed = await rpSignIn(jar);
    const end = oidc.buildEndSessionUrl(signed.config, { id_token_hint: signed.tokens!.id_token! });
    const page = await jar.follow(end.href);
    await jar.submit(page.url, await page.res.text(), "op.logoutForm", { logout: "yes" });
    await runJobs(t.k);
    // the provider told its service itself; the CAS service is told by the job
    expect(received.map((x) => x.path).sort()).toEqual(["/backchannel", "/moodle"]);
    expect(xml.parse(received.find((x) => x.path === "/moodle")!.form.get("logoutRequest")!).LogoutRequest.SessionIndex).toBe(again);
  });

  it("an account disabled by an admin: every one of its sessions ends and its services are told", async () => {
    const phone = await signedInJar("tom");
    const laptop = await signedInJar("tom");
    const onPhone = await casTicket(phone, cas.moodle);
    await casValidate(cas.moodle, onPhone);
    const onLaptop = await rpSignIn(laptop);
    const tom = await t.k.db.selectFrom("users").select("id").where("tenant_id", "=", p.tenantId).where("username", "=", "tom").executeTakeFirstOrThrow();
    const admin = await signedIn(t.app, { base: "/p/college" }, p.adminLogin);
    expect((await admin.patch(`/api/v1/users/${tom.id}`, { status: "disabled" })).status).toBe(200);
    await runJobs(t.k);
    expect(received.filter((r) => r.path === "/moodle").map((r) => xml.parse(r.form.get("logoutRequest")!).LogoutRequest.SessionIndex)).toEqual([onPhone]);
    expect(logoutTokens().map((x) => decodeJwt(x).sid)).toEqual([onLaptop.sid]);
    expect((await admin.patch(`/api/v1/users/${tom.id}`, { status: "active" })).status).toBe(200);
  });

  it("a service that does not answer is tried again later (the job is retried, not lost)", async () => {
    const jar = await signedInJar();
    const ticket = await casTicket(jar, cas.moodle);
    await casValidate(cas.moodle, ticket);
    failing.add("/moodle");
    await signOut(jar);
    await runJobs(t.k);
    expect(received).toHaveLength(1);
    const jobs = await sql<{
      state: string;
      later: boolean;
    }>`select state, start_after > now() as later from pgboss.job where name = 'idp-cas-logout' and data->'payload'->>'ticket' = ${ticket}`.execute(t.k.db);
    expect(jobs.rows).toEqual([{ state: "retry", later: true }]);
  });

  it("is managed by the service's admins, for CAS services only", async () => {
    const learner = await signedIn(t.app, { base: "/p/college" }, "lea");
    expect((await learner.put(`/api/v1/idp/services/${cas.moodleId}/cas`, { singleLogout: false })).status).toBe(403);
    const admin = await signedIn(t.app, { base: "/p/college" }, p.adminLogin);
    expect((await admin.get(`/api/v1/idp/services/${cas.moodleId}`)).body.cas).toEqual({ singleLogout: true });
    const services = await admin.get(`/api/v1/idp/services/${cas.wikiId}`);
    expect(services.body.cas).toEqual({ singleLogout: false });
    const bad = await admin.put(`/api/v1/idp/services/${cas.moodleId}/cas`, { singleLogout: "yes" });
    expect(bad.status).toBe(422);
    const nuageId = (await t.k.db.selectFrom("idp_clients").select("service_id").where("tenant_id", "=", p.tenantId).executeTakeFirstOrThrow()).service_id;
    expect((await admin.put(`/api/v1/idp/services/${nuageId}/cas`, { singleLogout: true })).status).toBe(409);
  });
});

describe("CAS renew and gateway", () => {
  it("renew asks for the password even within a session; only such a ticket validates with renew=true", async () => {
    const jar = await signedInJar();
    // a session opened a while ago
    await t.k.db
      .updateTable("sessions")
      .set({ created_at: new Date(Date.now() - 10 * 60_000) })
      .where("tenant_id", "=", p.tenantId)
      .execute();
    const sso = await casTicket(jar, cas.moodle);
    expect((await casValidate(cas.moodle, sso, "&renew=true")).authenticationFailure).toMatchObject({ code: "INVALID_TICKET" });
    const before = await casTicket(jar, cas.moodle);
    expect((await casValidate(cas.moodle, before)).authenticationSuccess.user).toBe("lea");

    const ask = await jar.fetch(`${base}/cas/login?service=${encodeURIComponent(cas.moodle)}&renew=true`);
    expect(ask.status).toBe(302);
    const signIn = new URL(ask.headers.get("location")!, base);
    expect(signIn.pathname).toBe("/p/college/sign-in");
    const next = signIn.searchParams.get("next")!;
    expect(next).toBe(`/cas/login?service=${encodeURIComponent(cas.moodle)}&renew=true`);
    const sessionIds = async () => (await t.k.db.selectFrom("sessions").select("id").where("tenant_id", "=", p.tenantId).execute()).map((s) => s.id);
    const before_ = await sessionIds();
    // the sign-in page: the password typed, then back to /cas/login
    await jar.signIn(base, "lea", PASSWORD);
    const renewed = await jar.follow(`${base}${next}`, cas.moodle);
    const ticket = new URL(renewed.url).searchParams.get("ticket")!;
    expect(ticket).toMatch(/^ST-/);
    expect((await casValidate(cas.moodle, ticket, "&renew=true")).authenticationSuccess.user).toBe("lea");
    // a renewed ticket validates without renew too
    const fresh = await casTicket(jar, cas.moodle, "&renew=true");
    expect((await casValidate(cas.moodle, fresh)).authenticationSuccess.user).toBe("lea");
    // the session the password replaced is gone, and what the service got through it carried over:
    // signing out names the tickets of both
    const after = await sessionIds();
    expect(after.filter((s) => !before_.includes(s))).toHaveLength(1);
    expect(before_.filter((s) => !after.includes(s))).toHaveLength(1);
    expect(received).toEqual([]);
    await signOut(jar);
    await runJobs(t.k);
    expect(received.map((r) => xml.parse(r.form.get("logoutRequest")!).LogoutRequest.SessionIndex).sort()).toEqual([before, ticket, fresh].sort());
  });

  it("someone else signing in on the same browser ends the first person's session, and their services are told", async () => {
    const jar = await signedInJar("tom");
    const ticket = await casTicket(jar, cas.moodle);
    await casValidate(cas.moodle, ticket);
    await jar.signIn(base, "lea", PASSWORD);
    await runJobs(t.k);
    expect(received.map((r) => xml.parse(r.form.get("logoutRequest")!).LogoutRequest.SessionIndex)).toEqual([ticket]);
    await signOut(jar);
  });

  it("gateway: without a session, back to the service without a ticket; with one, a ticket; renew wins over gateway", async () => {
    const anonymous = new BrowserJar();
    const r = await anonymous.fetch(`${base}/cas/login?service=${encodeURIComponent(cas.moodle)}&gateway=true`);
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe(cas.moodle);
    const both = await anonymous.fetch(`${base}/cas/login?service=${encodeURIComponent(cas.moodle)}&gateway=true&renew=true`);
    expect(new URL(both.headers.get("location")!, base).pathname).toBe("/p/college/sign-in");
    const unknown = await anonymous.fetch(`${base}/cas/login?service=${encodeURIComponent("https://evil.example/")}&gateway=true`);
    expect(new URL(unknown.headers.get("location")!, base).pathname).toBe("/p/college/sign-in");
    const jar = await signedInJar();
    const ticket = await casTicket(jar, cas.moodle, "&gateway=true");
    expect((await casValidate(cas.moodle, ticket)).authenticationSuccess.user).toBe("lea");
  });
});

describe("the LogoutRequest's address", () => {
  it("is refused on loopback, private and link-local addresses (unless the deployment allows its own network)", async () => {
    const { refuseSpecialUse } = await import("./use-cases/single-logout.ts");
    for (const host of ["127.0.0.1", "10.1.2.3", "192.168.0.10", "172.20.0.1", "169.254.169.254", "[::1]", "[fd00::1]", "[::ffff:127.0.0.1]", "localhost"])
      await expect(refuseSpecialUse(host), host).rejects.toThrow(/private or special-use/);
    await expect(refuseSpecialUse("93.184.216.34")).resolves.toBeUndefined();
    await expect(refuseSpecialUse("[2606:4700::1111]")).resolves.toBeUndefined();
  });
});
