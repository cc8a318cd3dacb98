import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Me } from "../shared/contract.ts";
import { Client, countQueries, testApp, type TestApp } from "../../../../test/helpers.ts";
import { makeOrg, makePlatform, makeUser, PASSWORD, rootOf } from "../../../../test/factories.ts";
import { lastSignIns } from "./last-sign-in.ts";
import { findMeOpeningSession } from "./me.ts";
import { sql } from "kysely";
import { newId } from "../../../kernel/ids.ts";
import { DEFAULT_COLOR } from "../../orgs/shared/branding.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;

beforeAll(async () => {
  t = await testApp({ LOGIN_MAX_FAILURES: "3" });
  p = await makePlatform(t.k, "alpha");
  await makeUser(t.k, p.tenantId, p.rootOrgId, "lea", "learner");
});
afterAll(() => t.close());

describe("sign-in and sessions", () => {
  it("signs in with username or email and reaches /me", async () => {
    const c = new Client(t.app, { host: p.host });
    const me = await c.signIn("lea", PASSWORD);
    expect(me.username).toBe("lea");
    const r = await c.get("/api/v1/me");
    expect(r.status).toBe(200);
    expect(r.body.grants[0].branding.platformName).toBe("Plateforme alpha");
    // sign-in answers exactly what /me answers (the contract's Me)
    expect(me).toEqual(r.body);
    expect(Me.parse(me)).toEqual(me);
    const c2 = new Client(t.app, { host: p.host });
    expect((await c2.signIn("LEA@example.test", PASSWORD)).username).toBe("lea");
  });

  it("lists the person's grants in tree order, each with its node's inherited branding, none on an archived node", async () => {
    // ids follow creation: the class, made after the annex, sorts after it by id and before it in the tree
    const region = await makeOrg(t.k, p.tenantId, rootOf(p), "Région");
    const annex = await makeOrg(t.k, p.tenantId, rootOf(p), "Annexe");
    const school = await makeOrg(t.k, p.tenantId, region, "École");
    const klass = await makeOrg(t.k, p.tenantId, school, "Classe");
    const closed = await makeOrg(t.k, p.tenantId, rootOf(p), "Fermé");
    await t.k.db.updateTable("orgs").set({ primary_color: "#1d4ed8" }).where("tenant_id", "=", p.tenantId).where("id", "=", region.id).execute();
    await t.k.db.updateTable("orgs").set({ archived_at: new Date() }).where("tenant_id", "=", p.tenantId).where("id", "=", closed.id).execute();
    const noa = await makeUser(t.k, p.tenantId, annex.id, "noa", "teacher");
    await t.k.db
      .insertInto("role_assignments")
      .values([
        { tenant_id: p.tenantId, id: newId(), user_id: noa.id, org_id: klass.id, role: "teacher" },
        { tenant_id: p.tenantId, id: newId(), user_id: noa.id, org_id: closed.id, role: "teacher" },
        { tenant_id: p.tenantId, id: newId(), user_id: noa.id, org_id: region.id, role: "admin" },
      ])
      .execute();
    const c = new Client(t.app, { host: p.host });
    const me: Me = await c.signIn("noa", PASSWORD);
    expect(me.grants.map((g) => [g.orgName, g.role, g.branding.primaryColor, g.branding.platformName])).toEqual([
      ["Région", "admin", "#1d4ed8", "Plateforme alpha"],
      ["Classe", "teacher", "#1d4ed8", "Plateforme alpha"],
      ["Annexe", "teacher", DEFAULT_COLOR, "Plateforme alpha"],
    ]);
    expect(me.grants[1].branding.name).toBe("Classe");
    expect(me.isAdmin).toBe(true);
    expect((await c.get("/api/v1/me")).body).toEqual(me);
  });

  it("answers a wrong password with 401 and a localized message", async () => {
    const c = new Client(t.app, { host: p.host, lang: "en" });
    const r = await c.post("/api/v1/auth/sign-in", { login: "lea", password: "nope-nope-nope" });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe("auth.invalid_credentials");
    expect(r.body.error.message).toBe("Wrong username or password.");
  });

  it("refuses an unsafe request without the CSRF token", async () => {
    const c = new Client(t.app, { host: p.host });
    await c.signIn("lea", PASSWORD);
    const r = await c.request("POST", "/api/v1/account/sessions/sign-out-others", {}, { "x-csrf-token": "forged" });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("csrf");
    const anon = new Client(t.app, { host: p.host });
    const r2 = await anon.request("POST", "/api/v1/auth/sign-in", { login: "lea", password: PASSWORD }, { "x-csrf-token": "x" });
    expect(r2.status).toBe(403);
  });

  it("locks the account after repeated failures, even for the right password", async () => {
    await makeUser(t.k, p.tenantId, p.rootOrgId, "max", "learner");
    const c = new Client(t.app, { host: p.host });
    for (let i = 0; i < 2; i++) expect((await c.post("/api/v1/auth/sign-in", { login: "max", password: "wrong-password" })).status).toBe(401);
    const locked = await c.post("/api/v1/auth/sign-in", { login: "max", password: "wrong-password" });
    expect(locked.status).toBe(423);
    const again = await c.post("/api/v1/auth/sign-in", { login: "max", password: PASSWORD });
    expect(again.status).toBe(423);
    expect(again.body.error.message).toMatch(/verrouillé/);
  });

  it("keeps no session from a refused sign-in (wrong password, locked, disabled), one from a good one", async () => {
    const u = await makeUser(t.k, p.tenantId, p.rootOrgId, "rita", "learner");
    const sessions = async () =>
      (await t.k.db.selectFrom("sessions").select("id").where("tenant_id", "=", p.tenantId).where("user_id", "=", u.id).execute()).length;
    const c = new Client(t.app, { host: p.host });
    expect((await c.post("/api/v1/auth/sign-in", { login: "rita", password: "wrong-password" })).status).toBe(401);
    expect(await sessions()).toBe(0);
    const ok = await c.post("/api/v1/auth/sign-in", { login: "rita", password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(await sessions()).toBe(1);
    // the good sign-in cleared the earlier failure
    const row = await t.k.db.selectFrom("users").select(["failed_logins", "locked_until"]).where("tenant_id", "=", p.tenantId).where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
    await t.k.db.updateTable("users").set({ locked_until: new Date(Date.now() + 60_000) }).where("tenant_id", "=", p.tenantId).where("id", "=", u.id).execute();
    expect((await new Client(t.app, { host: p.host }).post("/api/v1/auth/sign-in", { login: "rita", password: PASSWORD })).status).toBe(423);
    await t.k.db.updateTable("users").set({ locked_until: null, status: "disabled" }).where("tenant_id", "=", p.tenantId).where("id", "=", u.id).execute();
    expect((await new Client(t.app, { host: p.host }).post("/api/v1/auth/sign-in", { login: "rita", password: PASSWORD })).status).toBe(401);
    expect(await sessions()).toBe(1);
  });

  it("sign-in's statement commits its session asynchronously, and only its own transaction", async () => {
    const opening = () => ({ sessionId: newId(), tokenHash: newId(), csrfToken: "c", userAgent: null, ip: "127.0.0.1", expiresAt: new Date(Date.now() + 60_000).toISOString() });
    const commitMode = (login: string) =>
      t.k.db.transaction().execute(async (tx) => {
        const row = await findMeOpeningSession(tx, p.tenantId, login, opening());
        const mode = (await sql<{ m: string }>`select current_setting('synchronous_commit') as m`.execute(tx)).rows[0].m;
        return { opened: row?.session_opened ?? false, mode };
      });
    expect(await commitMode("lea")).toEqual({ opened: true, mode: "off" });
    // for that transaction only: the connection's next statements commit as usual
    for (let i = 0; i < 3; i++) expect((await sql<{ m: string }>`select current_setting('synchronous_commit') as m`.execute(t.k.db)).rows[0].m).toBe("on");
  });

  it("lists sessions, signs out the others and revokes one", async () => {
    const a = new Client(t.app, { host: p.host });
    const b = new Client(t.app, { host: p.host });
    await a.signIn("lea", PASSWORD);
    await b.signIn("lea", PASSWORD);
    const list = await a.get("/api/v1/account/sessions");
    expect(list.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const r = await a.post("/api/v1/account/sessions/sign-out-others");
    expect(r.body.revoked).toBeGreaterThanOrEqual(1);
    expect((await b.get("/api/v1/me")).status).toBe(401);
    expect((await a.get("/api/v1/me")).status).toBe(200);
  });

  it("refuses at once a session ended while its node had it cached: signed out, revoked, others signed out, password changed", async () => {
    const signedInLea = async () => {
      const c = new Client(t.app, { host: p.host });
      await c.signIn("lea", PASSWORD);
      expect((await c.get("/api/v1/me")).status).toBe(200); // now in the node's session cache
      return c;
    };
    const replay = (c: Client) => {
      const copy = new Client(t.app, { host: p.host });
      copy.cookies = new Map(c.cookies);
      return copy;
    };
    const gone = async (c: Client) => expect((await c.get("/api/v1/me")).status).toBe(401);

    const out = await signedInLea();
    const stolen = replay(out);
    expect((await out.post("/api/v1/auth/sign-out")).status).toBeLessThan(300);
    await gone(stolen);

    const a = await signedInLea();
    const b = await signedInLea();
    const bId = (await b.get("/api/v1/account/sessions")).body.items.find((s: { current: boolean }) => s.current).id;
    expect((await a.del(`/api/v1/account/sessions/${bId}`)).status).toBeLessThan(300);
    await gone(b);

    const c = await signedInLea();
    expect((await a.post("/api/v1/account/sessions/sign-out-others")).status).toBe(200);
    await gone(c);

    const d = await signedInLea();
    const changed = await a.post("/api/v1/account/password", { currentPassword: PASSWORD, newPassword: `${PASSWORD}-new` });
    expect(changed.status, JSON.stringify(changed.body)).toBeLessThan(300);
    await gone(d);
    expect((await a.get("/api/v1/me")).status).toBe(200);
    expect((await a.post("/api/v1/account/password", { currentPassword: `${PASSWORD}-new`, newPassword: PASSWORD })).status).toBeLessThan(300);
  });

  it("a successful sign-in clears the failed attempts before it", async () => {
    await makeUser(t.k, p.tenantId, p.rootOrgId, "oublieuse", "learner");
    const c = new Client(t.app, { host: p.host });
    const fail = () => c.post("/api/v1/auth/sign-in", { login: "oublieuse", password: "wrong-password" });
    expect((await fail()).status).toBe(401);
    expect((await fail()).status).toBe(401);
    await c.signIn("oublieuse", PASSWORD);
    expect((await fail()).status).toBe(401);
    expect((await fail()).status).toBe(401); // 2 failures since the success: under the limit of 3
    await c.signIn("oublieuse", PASSWORD);
  });

  it("writes the sign-in time in the second's batch, not in the sign-in; a clean stop writes what is pending", async () => {
    const u = await makeUser(t.k, p.tenantId, p.rootOrgId, "horodatee", "learner");
    const at = () => t.k.db.selectFrom("users").select("last_login_at").where("tenant_id", "=", p.tenantId).where("id", "=", u.id).executeTakeFirstOrThrow();
    const c = new Client(t.app, { host: p.host });
    const before = Date.now();
    const { sql } = await countQueries(() => c.signIn("horodatee", PASSWORD));
    expect(sql.filter((q) => /update\s+"?users/i.test(q))).toEqual([]);
    await lastSignIns(t.k).flush();
    const first = (await at()).last_login_at;
    expect(first && new Date(first).getTime()).toBeGreaterThanOrEqual(before - 1000);
    await new Client(t.app, { host: p.host }).signIn("horodatee", PASSWORD);
    await lastSignIns(t.k).flush();
    expect(new Date((await at()).last_login_at!).getTime()).toBeGreaterThanOrEqual(new Date(first!).getTime());
  });

  it("finds a cached session without a statement", async () => {
    const c = new Client(t.app, { host: p.host });
    await c.signIn("lea", PASSWORD);
    await c.get("/api/v1/me");
    const { sql } = await countQueries(() => c.get("/api/v1/me"));
    expect(sql.filter((s) => s.includes('from "sessions"'))).toEqual([]);
  });

  it("authenticates a request with a bounded number of queries", async () => {
    const c = new Client(t.app, { host: p.host });
    await c.signIn("lea", PASSWORD);
    await c.get("/api/v1/home");
    const { count } = await countQueries(() => c.get("/api/v1/home"));
    expect(count).toBeLessThanOrEqual(2);
  });

  it("rejects bad input with 422 and field errors, never 500", async () => {
    const c = new Client(t.app, { host: p.host });
    const r = await c.post("/api/v1/auth/sign-in", { login: "", password: 42 });
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.fields)).toEqual(expect.arrayContaining(["login", "password"]));
    const bad = await c.request("POST", "/api/v1/auth/sign-in", "{not json", { "content-type": "application/json" });
    expect(bad.status).toBe(400);
  });
});
