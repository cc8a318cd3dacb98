import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import * as samlify from "samlify";
import { newId } from "../../../kernel/ids.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { Client, countSteady, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";

/**
 * Single sign-on in against real peers started here: samlify as the SAML 2.0 identity provider
 * (signed responses and assertions; tampered and unsigned ones refused), a minimal CAS 3.0 server
 * (the only fake: there is no CAS server on npm) and an unreachable OpenID Connect issuer. Accounts
 * are created on first sign-in, linked afterwards; every failure lands on the error page and in the
 * admins' log; a provider of one platform signs no one into another.
 */
let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let q: Awaited<ReturnType<typeof makePlatform>>;
let admin: Client;
let otherAdmin: Client;
let classA: { id: string };
let cas: { server: Server; url: string; issued: Map<string, { service: string; user: string }> };

const mapping = (m: Partial<Record<string, unknown>> = {}) => ({
  externalId: "uid",
  email: "mail",
  givenName: "givenName",
  familyName: "sn",
  profile: "affiliation",
  profileValues: { eleve: "learner", enseignant: "teacher" },
  classes: "classes",
  ...m,
});
const provider = (kind: "oidc" | "saml" | "cas", over: Record<string, unknown> = {}) => ({
  kind,
  name: `École ${kind}`,
  enabled: true,
  issuer: "",
  clientId: "",
  clientSecret: "",
  scopes: "",
  metadataXml: "",
  entityId: "",
  ssoUrl: "",
  certificate: "",
  casUrl: "",
  mapping: mapping(),
  defaultProfile: "learner",
  linkByEmail: false,
  createAccounts: true,
  ...over,
});
const location = (r: { headers: Record<string, unknown> }) => String(r.headers.location ?? "");
const errorCode = (r: { status: number; headers: Record<string, unknown> }) => {
  expect(r.status).toBe(303);
  return new URL(location(r), "http://x").searchParams.get("code");
};
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

// ---- the SAML identity provider (samlify), keys made here with openssl ----
const dir = mkdtempSync(join(tmpdir(), "archipel-saml-"));
execFileSync(
  "openssl",
  ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "2", "-subj", "/CN=idp.test"],
  { stdio: "ignore" },
);
const idpKey = readFileSync(join(dir, "key.pem"), "utf8");
const idpCert = readFileSync(join(dir, "cert.pem"), "utf8");
const idp = samlify.IdentityProvider({
  entityID: "https://idp.test/saml",
  signingCert: idpCert,
  privateKey: idpKey,
  singleSignOnService: [{ Binding: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect", Location: "https://idp.test/sso" }],
  nameIDFormat: ["urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"],
});

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
type SamlUser = { uid: string; mail: string; givenName: string; sn: string; affiliation: string; classes: string };

/** A login response from samlify, signed as the service provider's metadata asks (plus the message when `signMessage`). */
async function samlResponse(
  spMetadata: string,
  requestId: string,
  user: SamlUser,
  opts: { signAssertion?: boolean; signMessage?: boolean; notOnOrAfter?: Date } = {},
) {
  const sp = samlify.ServiceProvider({
    metadata: opts.signAssertion === false ? spMetadata.replace(/WantAssertionsSigned="true"/, 'WantAssertionsSigned="false"') : spMetadata,
    wantMessageSigned: opts.signMessage ?? true,
  });
  const attrs = (["uid", "mail", "givenName", "sn", "affiliation", "classes"] as const)
    .map((n) => `<saml:Attribute Name="${n}"><saml:AttributeValue>${esc(user[n])}</saml:AttributeValue></saml:Attribute>`)
    .join("");
  const r = await idp.createLoginResponse(
    sp,
    { extract: { request: { id: requestId } } },
    "post",
    { email: user.uid },
    {
      customTagReplacement: (template: string) => {
        const now = new Date();
        const fiveMinutes = new Date(now.getTime() + 5 * 60_000).toISOString();
        // an expired assertion: its conditions' window has closed
        const until = opts.notOnOrAfter?.toISOString() ?? fiveMinutes;
        const acs = /AssertionConsumerService[^>]*Location="([^"]+)"/.exec(spMetadata)![1];
        const audience = /entityID="([^"]+)"/.exec(spMetadata)![1];
        const values: Record<string, string> = {
          ID: `_r${crypto.randomUUID()}`,
          AssertionID: `_a${crypto.randomUUID()}`,
          Destination: acs,
          Audience: audience,
          SubjectRecipient: acs,
          Issuer: "https://idp.test/saml",
          IssueInstant: now.toISOString(),
          StatusCode: "urn:oasis:names:tc:SAML:2.0:status:Success",
          ConditionsNotBefore: new Date(now.getTime() - 10 * 60_000).toISOString(),
          ConditionsNotOnOrAfter: until,
          SubjectConfirmationDataNotOnOrAfter: fiveMinutes,
          NameIDFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
          NameID: user.uid,
          InResponseTo: requestId,
          AuthnStatement: `<saml:AuthnStatement AuthnInstant="${now.toISOString()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
          AttributeStatement: `<saml:AttributeStatement>${attrs}</saml:AttributeStatement>`,
        };
        return { id: values.ID, context: template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "") };
      },
    },
  );
  return Buffer.from(r.context, "base64").toString("utf8");
}

/** Starts a SAML sign-in: the browser is sent to the IdP with a deflated AuthnRequest and RelayState. */
async function startSaml(c: Client, id: string) {
  const r = await c.get(`/sso/${id}/start`);
  expect(r.status).toBe(303);
  const to = new URL(location(r));
  expect(to.origin + to.pathname).toBe("https://idp.test/sso");
  const request = inflateRawSync(Buffer.from(to.searchParams.get("SAMLRequest")!, "base64")).toString("utf8");
  return { requestId: /ID="([^"]+)"/.exec(request)![1], relayState: to.searchParams.get("RelayState")! };
}
const postSaml = (c: Client, id: string, xml: string, relayState: string) =>
  c.request("POST", `/sso/${id}/acs`, new URLSearchParams({ SAMLResponse: Buffer.from(xml).toString("base64"), RelayState: relayState }).toString(), {
    "content-type": "application/x-www-form-urlencoded",
  });

// ---- the CAS 3.0 server peer: /login issues a ticket for the service, /p3/serviceValidate checks it once ----
function startCas(users: Record<string, Record<string, string>>) {
  const issued = new Map<string, { service: string; user: string }>();
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://cas");
    const service = u.searchParams.get("service") ?? "";
    if (u.pathname === "/cas/login") {
      const ticket = `ST-${crypto.randomUUID()}`;
      issued.set(ticket, { service, user: u.searchParams.get("as") ?? "jmartin" });
      res.writeHead(302, { location: `${service}${service.includes("?") ? "&" : "?"}ticket=${ticket}` }).end();
    } else if (u.pathname === "/cas/p3/serviceValidate") {
      const ticket = u.searchParams.get("ticket") ?? "";
      const t = issued.get(ticket);
      issued.delete(ticket);
      res.writeHead(200, { "content-type": "application/xml" });
      if (!t || t.service !== service) {
        res.end(
          `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="INVALID_TICKET">Ticket ${esc(ticket)} not recognized</cas:authenticationFailure></cas:serviceResponse>`,
        );
        return;
      }
      const attrs = Object.entries(users[t.user] ?? {})
        .map(([k, v]) => `<cas:${k}>${esc(v)}</cas:${k}>`)
        .join("");
      res.end(
        `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>${t.user}</cas:user><cas:attributes>${attrs}</cas:attributes></cas:authenticationSuccess></cas:serviceResponse>`,
      );
    } else res.writeHead(404).end();
  });
  return new Promise<typeof cas>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, issued, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/cas` })),
  );
}

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "college");
  q = await makePlatform(t.k, "autre");
  const school = await makeOrg(t.k, p.tenantId, rootOf(p), "Collège Jean Moulin", "school");
  classA = await makeOrg(t.k, p.tenantId, school, "5e A", "class");
  await makeUser(t.k, p.tenantId, school.id, "claire", "teacher", "claire.martin@college.test");
  admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
  otherAdmin = await signedIn(t.app, { host: q.host }, q.adminLogin);
  cas = await startCas({
    jmartin: { mail: "jean.martin@college.test", givenName: "Jean", sn: "Martin", affiliation: "eleve", classes: "5e A" },
    claire: { mail: "claire.martin@college.test", givenName: "Claire", sn: "Martin", affiliation: "enseignant", classes: "" },
  });
});
afterAll(async () => {
  cas?.server.close();
  await t?.close();
});

describe("SAML 2.0 with samlify as the identity provider", () => {
  let id: string;
  let spMetadata: string;
  const lea: SamlUser = { uid: "lea-1234", mail: "lea.petit@college.test", givenName: "Léa", sn: "Petit", affiliation: "eleve", classes: "5e A" };

  it("is configured from the IdP's metadata; Archipel's SP metadata is downloadable and asks for signed assertions", async () => {
    const r = await admin.post("/api/v1/sso/providers", provider("saml", { metadataXml: idp.getMetadata() }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      kind: "saml",
      entityId: "https://idp.test/saml",
      ssoUrl: "https://idp.test/sso",
      certificates: 1,
      metadataUrl: expect.stringContaining("/metadata"),
    });
    id = r.body.id;
    const m = await new Client(t.app, { host: p.host }).get(`/sso/${id}/metadata`);
    expect(m.status).toBe(200);
    expect(String(m.headers["content-type"])).toContain("samlmetadata+xml");
    spMetadata = m.body;
    expect(spMetadata).toContain('WantAssertionsSigned="true"');
    expect(spMetadata).toContain(`http://${p.host}/sso/${id}/acs`);
  });

  it("refuses metadata that is not an IdP's, with a field error", async () => {
    const r = await admin.post("/api/v1/sso/providers", provider("saml", { metadataXml: "<hello/>" }));
    expect(r.status).toBe(422);
    expect(r.body.error.fields.metadataXml).toBeTruthy();
  });

  it("signs in with a valid signed response: the account is created with its profile and class, then linked", async () => {
    const c = new Client(t.app, { host: p.host });
    const { requestId, relayState } = await startSaml(c, id);
    const r = await postSaml(c, id, await samlResponse(spMetadata, requestId, lea), relayState);
    expect(r.status).toBe(303);
    expect(location(r)).toBe("/");
    const me = await c.get("/api/v1/me");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ givenName: "Léa", familyName: "Petit", profile: "learner", email: "lea.petit@college.test" });
    expect(me.body.grants.map((g: { orgId: string }) => g.orgId)).toContain(classA.id);
    // second time: the same account, found by its external identity
    const c2 = new Client(t.app, { host: p.host });
    const s2 = await startSaml(c2, id);
    expect((await postSaml(c2, id, await samlResponse(spMetadata, s2.requestId, lea), s2.relayState)).status).toBe(303);
    expect((await c2.get("/api/v1/me")).body.id).toBe(me.body.id);
  });

  it("refuses a response changed after signing", async () => {
    const c = new Client(t.app, { host: p.host });
    const { requestId, relayState } = await startSaml(c, id);
    const xml = (await samlResponse(spMetadata, requestId, { ...lea, uid: "tom-1", mail: "tom@college.test", givenName: "Tom", sn: "Durand" })).replace(
      ">eleve<",
      ">enseignant<",
    );
    expect(errorCode(await postSaml(c, id, xml, relayState))).toBe("signature_invalid");
    expect((await c.get("/api/v1/me")).status).toBe(401);
  });

  it("refuses a response whose assertion is not signed (only the message is)", async () => {
    const c = new Client(t.app, { host: p.host });
    const { requestId, relayState } = await startSaml(c, id);
    const xml = await samlResponse(spMetadata, requestId, lea, { signAssertion: false, signMessage: true });
    expect(xml).not.toMatch(/<saml:Assertion[^>]*>.*<ds:Signature/s);
    expect(errorCode(await postSaml(c, id, xml, relayState))).toBe("signature_invalid");
  });

  it("refuses an expired assertion, an answer to another request, a replay, and one reaching another browser", async () => {
    const c = new Client(t.app, { host: p.host });
    let s = await startSaml(c, id);
    expect(
      errorCode(await postSaml(c, id, await samlResponse(spMetadata, s.requestId, lea, { notOnOrAfter: new Date(Date.now() - 120_000) }), s.relayState)),
    ).toBe("expired");
    s = await startSaml(c, id);
    expect(errorCode(await postSaml(c, id, await samlResponse(spMetadata, "_someone-elses-request", lea), s.relayState))).toBe("state_mismatch");
    s = await startSaml(c, id);
    const good = await samlResponse(spMetadata, s.requestId, lea);
    expect(errorCode(await postSaml(new Client(t.app, { host: p.host }), id, good, s.relayState))).toBe("state_mismatch");
    expect((await postSaml(c, id, good, s.relayState)).status).toBe(303);
    expect(errorCode(await postSaml(c, id, good, s.relayState))).toBe("state_mismatch");
  });
});

describe("CAS 3.0 with a CAS server peer", () => {
  let id: string;
  /** Follows the CAS login redirect as a browser would, and returns the callback Archipel receives. */
  async function casLogin(c: Client, as: string) {
    const start = await c.get(`/sso/${id}/start`);
    expect(location(start)).toMatch(new RegExp(`^${cas.url}/login\\?service=`));
    const login = await fetch(`${location(start)}&as=${as}`, { redirect: "manual" });
    return pathOf(login.headers.get("location")!);
  }

  it("validates the service ticket: the account is created, then found again", async () => {
    const r = await admin.post("/api/v1/sso/providers", provider("cas", { casUrl: `${cas.url}/`, mapping: mapping({ externalId: "user" }) }));
    expect(r.status).toBe(200);
    id = r.body.id;
    const c = new Client(t.app, { host: p.host });
    const back = await c.get(await casLogin(c, "jmartin"));
    expect(back.status).toBe(303);
    expect(location(back)).toBe("/");
    const me = await c.get("/api/v1/me");
    expect(me.body).toMatchObject({ givenName: "Jean", familyName: "Martin", profile: "learner" });
    const c2 = new Client(t.app, { host: p.host });
    await c2.get(await casLogin(c2, "jmartin"));
    expect((await c2.get("/api/v1/me")).body.id).toBe(me.body.id);
  });

  it("refuses an invalid ticket and a ticket used twice", async () => {
    const c = new Client(t.app, { host: p.host });
    const callback = await casLogin(c, "jmartin");
    const forged = callback.replace(/ticket=[^&]+/, "ticket=ST-forged");
    expect(errorCode(await c.get(forged))).toBe("ticket_invalid");
    const c2 = new Client(t.app, { host: p.host });
    const used = await casLogin(c2, "jmartin");
    expect((await c2.get(used)).status).toBe(303);
    expect(errorCode(await c2.get(used))).toBe("state_mismatch");
  });

  it("links by email only when the admin allows it; otherwise the person is told the email is taken", async () => {
    const c = new Client(t.app, { host: p.host });
    expect(errorCode(await c.get(await casLogin(c, "claire")))).toBe("email_taken");
    const current = (await admin.get("/api/v1/sso/providers")).body.items.find((x: { id: string }) => x.id === id);
    const r = await admin.put(`/api/v1/sso/providers/${id}`, { ...provider("cas", { casUrl: current.casUrl, mapping: current.mapping }), linkByEmail: true });
    expect(r.status).toBe(200);
    const c2 = new Client(t.app, { host: p.host });
    await c2.get(await casLogin(c2, "claire"));
    expect((await c2.get("/api/v1/me")).body).toMatchObject({ username: "claire", profile: "teacher" });
  });

  it("refuses unknown people when account creation is off, deactivated accounts, and a missing external id", async () => {
    const current = (await admin.get("/api/v1/sso/providers")).body.items.find((x: { id: string }) => x.id === id);
    const put = (over: Record<string, unknown>) =>
      admin.put(`/api/v1/sso/providers/${id}`, provider("cas", { casUrl: current.casUrl, mapping: current.mapping, ...over }));
    expect((await put({ createAccounts: false })).status).toBe(200);
    cas.issued.clear();
    const c = new Client(t.app, { host: p.host });
    expect(errorCode(await c.get(await casLogin(c, "nobody")))).toBe("unknown_account");
    const jean = await t.k.db.selectFrom("users").select("id").where("tenant_id", "=", p.tenantId).where("given_name", "=", "Jean").executeTakeFirstOrThrow();
    await t.k.db.updateTable("users").set({ status: "disabled" }).where("tenant_id", "=", p.tenantId).where("id", "=", jean.id).execute();
    expect(errorCode(await c.get(await casLogin(c, "jmartin")))).toBe("account_disabled");
    // a partner organisation's person whose partnership is suspended may not come in either
    const claire = await t.k.db.selectFrom("users").select("id").where("tenant_id", "=", p.tenantId).where("username", "=", "claire").executeTakeFirstOrThrow();
    const partnerId = newId();
    await t.k.db
      .insertInto("partners")
      .values({ tenant_id: p.tenantId, id: partnerId, org_id: p.rootOrgId, name: "Formations Ouest", contact_email: "ouest@example.test", status: "suspended", invite_expires_at: new Date(), invited_by: p.adminId })
      .execute();
    await t.k.db.insertInto("partner_people").values({ tenant_id: p.tenantId, user_id: claire.id, partner_id: partnerId, role: "trainer" }).execute();
    expect(errorCode(await c.get(await casLogin(c, "claire")))).toBe("account_disabled");
    expect((await put({ mapping: { ...current.mapping, externalId: "employeeNumber" } })).status).toBe(200);
    expect(errorCode(await c.get(await casLogin(c, "jmartin")))).toBe("mapping_missing");
  });

  it("logs every failure for the platform's admins, with the provider's name", async () => {
    const r = await admin.get("/api/v1/sso/providers");
    const codes = r.body.failures.map((f: { code: string }) => f.code);
    for (const code of ["ticket_invalid", "email_taken", "unknown_account", "account_disabled", "mapping_missing", "signature_invalid", "expired"])
      expect(codes).toContain(code);
    expect(r.body.failures.find((f: { code: string }) => f.code === "ticket_invalid")).toMatchObject({
      providerName: "École cas",
      detail: expect.stringContaining("not recognized"),
    });
    const steady = await countSteady(() => admin.get("/api/v1/sso/providers"));
    expect(steady.count).toBeLessThanOrEqual(4);
  });
});

describe("OpenID Connect provider that cannot be reached", () => {
  it("sends the browser to the error page, never a 500", async () => {
    const r = await admin.post(
      "/api/v1/sso/providers",
      provider("oidc", { issuer: "http://127.0.0.1:9/realms/x", clientId: "archipel", clientSecret: "secret-value" }),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ hasSecret: true });
    expect(JSON.stringify(r.body)).not.toContain("secret-value");
    expect(errorCode(await new Client(t.app, { host: p.host }).get(`/sso/${r.body.id}/start`))).toBe("unreachable");
  });

  it("requires the fields of the chosen kind", async () => {
    const r = await admin.post("/api/v1/sso/providers", provider("oidc", { issuer: "not a url" }));
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.fields).sort()).toEqual(["clientId", "clientSecret", "issuer"]);
  });
});

describe("tenant isolation", () => {
  it("a provider of one platform is neither listed, managed nor usable on another", async () => {
    const mine = (await admin.get("/api/v1/sso/providers")).body.items as { id: string; kind: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect((await otherAdmin.get("/api/v1/sso/providers")).body.items).toEqual([]);
    expect((await new Client(t.app, { host: q.host }).get("/api/v1/sso/sign-in-providers")).body.items).toEqual([]);
    expect((await new Client(t.app, { host: p.host }).get("/api/v1/sso/sign-in-providers")).body.items.length).toBe(mine.length);
    const saml = mine.find((x) => x.kind === "saml")!;
    expect((await otherAdmin.put(`/api/v1/sso/providers/${saml.id}`, provider("saml", { metadataXml: idp.getMetadata() }))).status).toBe(404);
    expect((await otherAdmin.del(`/api/v1/sso/providers/${saml.id}`)).status).toBe(404);
    const stranger = new Client(t.app, { host: q.host });
    expect(errorCode(await stranger.get(`/sso/${saml.id}/start`))).toBe("provider_unavailable");
    expect((await stranger.get(`/sso/${saml.id}/metadata`)).status).toBe(404);
    // a flow started on the first platform, answered on the second's address: refused there
    const c = new Client(t.app, { host: p.host });
    const { relayState } = await startSaml(c, saml.id);
    const across = new Client(t.app, { host: q.host });
    across.cookies = new Map(c.cookies);
    expect(errorCode(await postSaml(across, saml.id, "<x/>", relayState))).toBe("provider_unavailable");
  });

  it("only platform admins manage providers", async () => {
    await makeUser(t.k, p.tenantId, classA.id, "eleve1", "learner");
    const pupil = await signedIn(t.app, { host: p.host }, "eleve1");
    expect((await pupil.get("/api/v1/sso/providers")).status).toBe(403);
    expect((await pupil.post("/api/v1/sso/providers", provider("cas", { casUrl: "https://cas.test" }))).status).toBe(403);
  });
});

it("limits sign-in starts per address like password sign-in", async () => {
  const saml = (await admin.get("/api/v1/sso/providers")).body.items.find((x: { kind: string }) => x.kind === "saml");
  const c = new Client(t.app, { host: p.host });
  const statuses: number[] = [];
  for (let i = 0; i <= t.k.config.SIGNIN_RATE_LIMIT_PER_MINUTE; i++) statuses.push((await c.get(`/sso/${saml.id}/start`)).status);
  expect(statuses.slice(0, -1).every((s) => s === 303)).toBe(true);
  expect(statuses.at(-1)).toBe(429);
});
