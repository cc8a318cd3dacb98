import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserJar } from "../../../../test/browser-jar.ts";
import { makeOrg, makePlatform, makeUser, PASSWORD, rootOf } from "../../../../test/factories.ts";
import { signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";

/**
 * Archipel's CAS 3.0 server with the client side of the protocol written here (there is no CAS
 * client on npm worth using): a service sends the browser to /cas/login, gets a ticket back and
 * validates it over HTTP with /cas/p3/serviceValidate, reading the XML answer.
 */
let t: TestApp;
let origin: string;
let p: Awaited<ReturnType<typeof makePlatform>>;
const SERVICE = "https://moodle.college.test/moodle";
const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: "" });

/** The service's side: validate a ticket, answer the parsed serviceResponse. */
async function validate(slug: string, service: string, ticket: string) {
  const r = await fetch(`${origin}/p/${slug}/cas/p3/serviceValidate?service=${encodeURIComponent(service)}&ticket=${encodeURIComponent(ticket)}`);
  expect(r.headers.get("content-type")).toContain("xml");
  return xml.parse(await r.text()).serviceResponse;
}

/** The browser's side: /cas/login for the service, up to the service's address with its ticket. */
async function ticketFor(jar: BrowserJar, service: string) {
  const r = await jar.follow(`${origin}/p/college/cas/login?service=${encodeURIComponent(service)}`, "https://moodle.college.test");
  const ticket = new URL(r.url).searchParams.get("ticket");
  expect(ticket, r.url).toMatch(/^ST-/);
  return ticket!;
}

beforeAll(async () => {
  t = await testApp({ RATE_LIMIT_PER_MINUTE: "100000" });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  origin = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  p = await makePlatform(t.k, "college");
  await makePlatform(t.k, "lycee");
  const school = await makeOrg(t.k, p.tenantId, rootOf(p), "Collège Jean Moulin", "school");
  const classA = await makeOrg(t.k, p.tenantId, school, "5e A", "class");
  await makeUser(t.k, p.tenantId, classA.id, "lea", "learner");
  await makeUser(t.k, p.tenantId, school.id, "parent.petit", "parent");
  const admin = await signedIn(t.app, { base: "/p/college" }, p.adminLogin);
  const svc = await admin.post(`/api/v1/portal/orgs/${school.id}/services`, { name: "Moodle", url: SERVICE, signOn: "cas", profiles: ["learner"] });
  expect(svc.status, JSON.stringify(svc.body)).toBe(200);
});
afterAll(() => t?.close());

describe("CAS 3.0", () => {
  const jar = new BrowserJar();

  it("sends a signed-out person to sign in, then back to the service with a ticket the service validates, with attributes", async () => {
    const service = `${SERVICE}/login/index.php?lang=fr`;
    const first = await jar.follow(`${origin}/p/college/cas/login?service=${encodeURIComponent(service)}`);
    expect(first.url).toBe(`${origin}/p/college/sign-in?next=${encodeURIComponent(`/cas/login?service=${encodeURIComponent(service)}`)}`);
    await jar.signIn(`${origin}/p/college`, "lea", PASSWORD);
    const ticket = await ticketFor(jar, service);
    const ok = await validate("college", service, ticket);
    expect(ok.authenticationSuccess).toMatchObject({
      user: "lea",
      attributes: { uid: "lea", email: "lea@example.test", profile: "learner", platform: "college", class: "5e A", displayName: "lea Test" },
    });
  });

  it("accepts a ticket once: a replay is INVALID_TICKET", async () => {
    const ticket = await ticketFor(jar, SERVICE);
    expect((await validate("college", SERVICE, ticket)).authenticationSuccess.user).toBe("lea");
    expect((await validate("college", SERVICE, ticket)).authenticationFailure).toMatchObject({ code: "INVALID_TICKET" });
  });

  it("refuses a ticket presented by another service (INVALID_SERVICE) and spends it", async () => {
    const ticket = await ticketFor(jar, `${SERVICE}/course/view.php`);
    expect((await validate("college", `${SERVICE}/other`, ticket)).authenticationFailure).toMatchObject({ code: "INVALID_SERVICE" });
    expect((await validate("college", `${SERVICE}/course/view.php`, ticket)).authenticationFailure).toMatchObject({ code: "INVALID_TICKET" });
  });

  it("refuses an expired ticket, another platform's ticket, and malformed requests", async () => {
    const late = await ticketFor(jar, SERVICE);
    await t.k.db
      .updateTable("cas_tickets")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("tenant_id", "=", p.tenantId)
      .execute();
    expect((await validate("college", SERVICE, late)).authenticationFailure).toMatchObject({ code: "INVALID_TICKET" });
    const elsewhere = await ticketFor(jar, SERVICE);
    expect((await validate("lycee", SERVICE, elsewhere)).authenticationFailure).toMatchObject({ code: "INVALID_TICKET" });
    expect((await validate("college", SERVICE, elsewhere)).authenticationSuccess.user).toBe("lea");
    expect((await validate("college", SERVICE, "PGT-123")).authenticationFailure).toMatchObject({ code: "INVALID_TICKET_SPEC" });
    const missing = await fetch(`${origin}/p/college/cas/p3/serviceValidate?service=x`);
    expect(xml.parse(await missing.text()).serviceResponse.authenticationFailure).toMatchObject({ code: "INVALID_REQUEST" });
  });

  it("never sends a ticket to an address that is not a registered CAS service", async () => {
    for (const service of [
      "https://moodle.college.test.evil.example/moodle",
      "https://moodle.college.test/moodle2",
      "http://moodle.college.test/moodle",
      "javascript:alert(1)",
      "",
    ]) {
      const r = await jar.fetch(`${origin}/p/college/cas/login?service=${encodeURIComponent(service)}`);
      expect(r.status, service).toBe(400);
      expect(r.headers.get("location")).toBeNull();
    }
  });

  it("refuses a person whose portal does not offer the service", async () => {
    const parent = new BrowserJar();
    await parent.signIn(`${origin}/p/college`, "parent.petit", PASSWORD);
    const r = await parent.fetch(`${origin}/p/college/cas/login?service=${encodeURIComponent(SERVICE)}`);
    expect(r.status).toBe(403);
    expect(await t.k.db.selectFrom("cas_tickets").select("ticket_hash").where("tenant_id", "=", p.tenantId).execute()).toEqual([]);
  });

  it("keeps only the hash of tickets", async () => {
    const ticket = await ticketFor(jar, SERVICE);
    const rows = await t.k.db.selectFrom("cas_tickets").selectAll().where("tenant_id", "=", p.tenantId).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(ticket.slice(3));
  });

  it("logs out: the Archipel session ends, and the browser goes back to the service only if it is registered", async () => {
    const unknown = await jar.fetch(`${origin}/p/college/cas/logout?service=${encodeURIComponent("https://evil.example/")}`);
    expect(unknown.status).toBe(200);
    expect((await jar.fetch(`${origin}/p/college/api/v1/me`)).status).toBe(401);
    await jar.signIn(`${origin}/p/college`, "lea", PASSWORD);
    const back = await jar.fetch(`${origin}/p/college/cas/logout?service=${encodeURIComponent(SERVICE)}`);
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe(SERVICE);
    expect((await jar.fetch(`${origin}/p/college/api/v1/me`)).status).toBe(401);
  });
});
