import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, PASSWORD, rootOf } from "../../../../test/factories.ts";
import { Client, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";

let t: TestApp;
let a: Awaited<ReturnType<typeof makePlatform>>;
let b: Awaited<ReturnType<typeof makePlatform>>;
const B = {} as { deptId: string; userId: string; sessionId: string; adminRoleId: string };
const A = {} as { deptId: string; userId: string };

beforeAll(async () => {
  t = await testApp();
  // slugs have at least two characters: A is reached at a.localhost and /p/pa, B at b.localhost and /p/pb
  a = { ...(await makePlatform(t.k, "pa", { color: "#aa0000", hostnames: ["a.localhost"] })), host: "a.localhost" };
  b = { ...(await makePlatform(t.k, "pb", { color: "#0000bb", hostnames: ["b.localhost"] })), host: "b.localhost" };
  const aDept = await makeOrg(t.k, a.tenantId, rootOf(a), "Dept A");
  A.deptId = aDept.id;
  A.userId = (await makeUser(t.k, a.tenantId, aDept.id, "anna")).id;
  const bDept = await makeOrg(t.k, b.tenantId, rootOf(b), "Dept B");
  B.deptId = bDept.id;
  B.userId = (await makeUser(t.k, b.tenantId, bDept.id, "bob")).id;
  const bAdmin = await signedIn(t.app, { host: b.host }, b.adminLogin);
  const sessions = await bAdmin.get("/api/v1/account/sessions");
  B.sessionId = sessions.body.items[0].id;
  B.adminRoleId = (await bAdmin.get(`/api/v1/users/${b.adminId}`)).body.roles[0].id;
});
afterAll(() => t.close());

describe.each([
  ["by hostname", () => ({ host: "a.localhost" })],
  ["by path prefix", () => ({ base: "/p/pa" })],
])("an admin of platform A addressed %s", (_, opts) => {
  let c: Client;
  beforeAll(async () => {
    c = await signedIn(t.app, opts(), a.adminLogin);
    const me = await c.get("/api/v1/me");
    expect(me.status).toBe(200);
    expect(me.body.grants[0].branding.platformName).toBe("Plateforme pa");
  });

  it("gets 404 for every person of platform B", async () => {
    expect((await c.get(`/api/v1/users/${B.userId}`)).status).toBe(404);
    expect((await c.get(`/api/v1/users/${b.adminId}`)).status).toBe(404);
    expect((await c.patch(`/api/v1/users/${B.userId}`, { givenName: "Hacked" })).status).toBe(404);
    expect((await c.patch(`/api/v1/users/${B.userId}`, { status: "disabled" })).status).toBe(404);
    expect((await c.post(`/api/v1/users/${B.userId}/roles`, { orgId: A.deptId, role: "admin" })).status).toBe(404);
    expect((await c.post(`/api/v1/users/${A.userId}/roles`, { orgId: B.deptId, role: "admin" })).status).toBe(404);
    expect((await c.del(`/api/v1/users/${b.adminId}/roles/${B.adminRoleId}`)).status).toBe(404);
  });

  it("gets 404 for every organisation node of platform B", async () => {
    expect((await c.get(`/api/v1/orgs/${A.deptId}`)).status).toBe(200);
    for (const id of [B.deptId, b.rootOrgId]) {
      const r = await c.get(`/api/v1/orgs/${id}`);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe("not_found");
      expect((await c.get(`/api/v1/orgs/${id}/branding`)).status).toBe(404);
      expect((await c.patch(`/api/v1/orgs/${id}`, { name: "Hacked", primaryColor: "#000000" })).status).toBe(404);
      expect((await c.patch(`/api/v1/orgs/${id}`, { archived: true })).status).toBe(404);
      expect((await c.post(`/api/v1/orgs/${id}/move`, { parentId: a.rootOrgId })).status).toBe(404);
    }
    expect((await c.post(`/api/v1/orgs/${A.deptId}/move`, { parentId: B.deptId })).status).toBe(404);
    expect((await c.post("/api/v1/orgs", { parentId: B.deptId, name: "Intruder", kind: "site" })).status).toBe(404);
    expect(
      (await c.post("/api/v1/users", { username: "intruder", givenName: "I", familyName: "N", profile: "admin", orgId: b.rootOrgId, password: PASSWORD }))
        .status,
    ).toBe(404);
    expect((await c.get(`/api/v1/users?orgId=${B.deptId}`)).status).toBe(404);
  });

  it("cannot end a session of platform B", async () => {
    expect((await c.del(`/api/v1/account/sessions/${B.sessionId}`)).status).toBe(404);
  });

  it("never sees B's people or nodes in listings", async () => {
    const users = await c.get("/api/v1/users?pageSize=200");
    expect(users.status).toBe(200);
    const ids = users.body.items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([a.adminId, A.userId]));
    expect(ids).not.toContain(B.userId);
    expect(ids).not.toContain(b.adminId);
    expect((await c.get("/api/v1/users?q=bob")).body.items).toEqual([]);
    for (const archived of ["false", "true"]) {
      const orgs = await c.get(`/api/v1/orgs?archived=${archived}`);
      const orgIds = orgs.body.items.map((o: { id: string }) => o.id);
      expect(orgIds).toEqual(expect.arrayContaining([a.rootOrgId, A.deptId]));
      expect(orgIds).not.toContain(B.deptId);
      expect(orgIds).not.toContain(b.rootOrgId);
    }
  });

  it("left B untouched", async () => {
    const bAdmin = await signedIn(t.app, { host: b.host }, b.adminLogin);
    const bob = await bAdmin.get(`/api/v1/users/${B.userId}`);
    expect(bob.body).toMatchObject({ givenName: "bob", status: "active" });
    expect(bob.body.roles).toHaveLength(1);
    const orgs = (await bAdmin.get("/api/v1/orgs")).body.items;
    expect(orgs.map((o: { name: string }) => o.name)).toEqual(["Plateforme pb", "Dept B"]);
    expect((await bAdmin.get("/api/v1/account/sessions")).body.items.map((s: { id: string }) => s.id)).toContain(B.sessionId);
  });
});

describe("sessions belong to one platform", () => {
  it("a session cookie of A sent to B's host is not a session on B", async () => {
    const ca = await signedIn(t.app, { host: a.host }, a.adminLogin);
    const [[name, token]] = [...ca.cookies].filter(([n]) => n.includes("archipel-pa"));
    expect(name).toBe("__Host-archipel-pa");
    const onB = new Client(t.app, { host: b.host });
    onB.cookies = new Map(ca.cookies);
    onB.csrf = ca.csrf;
    expect((await onB.get("/api/v1/me")).status).toBe(401);
    expect((await onB.get("/api/v1/users")).status).toBe(401);
    // even renamed to B's cookie
    onB.cookies.set("__Host-archipel-pb", token);
    expect((await onB.get("/api/v1/me")).status).toBe(401);
    // an unsafe request fails the CSRF check (A's token is not B's) or, with B's anonymous token, has no session
    expect((await onB.post("/api/v1/orgs", { parentId: b.rootOrgId, name: "x", kind: "site" })).status).toBe(403);
    await onB.get("/api/v1/platform");
    onB.csrf = onB.cookies.get("__Host-archipel-csrf")!;
    expect((await onB.post("/api/v1/orgs", { parentId: b.rootOrgId, name: "x", kind: "site" })).status).toBe(401);
    // and through B's path prefix on A's host
    const viaPath = new Client(t.app, { host: a.host, base: "/p/pb" });
    viaPath.cookies = new Map(ca.cookies);
    viaPath.cookies.set("__Host-archipel-pb", token);
    expect((await viaPath.get("/api/v1/me")).status).toBe(401);
    // still a session on A
    expect((await ca.get("/api/v1/me")).status).toBe(200);
  });

  it("one person can have accounts on two platforms with the same email and independent passwords", async () => {
    const adminA = await signedIn(t.app, { host: a.host }, a.adminLogin);
    const adminB = await signedIn(t.app, { host: b.host }, b.adminLogin);
    const person = { username: "camille", email: "camille@example.test", givenName: "Camille", familyName: "Martin", profile: "teacher" };
    const onA = await adminA.post("/api/v1/users", { ...person, orgId: A.deptId, password: "password-on-a-1" });
    const onB = await adminB.post("/api/v1/users", { ...person, orgId: B.deptId, password: "password-on-b-2" });
    expect(onA.status).toBe(200);
    expect(onB.status).toBe(200);
    expect(onA.body.id).not.toBe(onB.body.id);
    const signIn = (host: string, password: string) => new Client(t.app, { host }).post("/api/v1/auth/sign-in", { login: "Camille@Example.test", password });
    expect((await signIn(a.host, "password-on-a-1")).status).toBe(200);
    expect((await signIn(b.host, "password-on-b-2")).status).toBe(200);
    expect((await signIn(a.host, "password-on-b-2")).status).toBe(401);
    expect((await signIn(b.host, "password-on-a-1")).status).toBe(401);
    // changing the password on A leaves B's alone
    const camille = await signedIn(t.app, { host: a.host }, "camille", "password-on-a-1");
    expect((await camille.post("/api/v1/account/password", { currentPassword: "password-on-a-1", newPassword: "new-password-on-a" })).status).toBe(200);
    expect((await signIn(a.host, "new-password-on-a")).status).toBe(200);
    expect((await signIn(b.host, "password-on-b-2")).status).toBe(200);
    expect((await signIn(b.host, "new-password-on-a")).status).toBe(401);
  });
});
