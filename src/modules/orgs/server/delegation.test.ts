import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, PASSWORD, rootOf } from "../../../../test/factories.ts";
import { type Client, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";

/** A department admin runs their department and nothing else. */
let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let region: { id: string; path: string };
let d1: { id: string; path: string };
let d2: { id: string; path: string };
let d2Site: { id: string; path: string };
let dana: Client; // admin of d1
let platformAdmin: Client;
let sibling: { id: string }; // placed only in d2
let member: { id: string }; // learner in d1

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "deleg");
  region = await makeOrg(t.k, p.tenantId, rootOf(p), "Région", "region");
  d1 = await makeOrg(t.k, p.tenantId, region, "Département 1", "department");
  d2 = await makeOrg(t.k, p.tenantId, region, "Département 2", "department");
  d2Site = await makeOrg(t.k, p.tenantId, d2, "Site du 2", "site");
  await makeUser(t.k, p.tenantId, d1.id, "dana", "admin");
  sibling = await makeUser(t.k, p.tenantId, d2Site.id, "sibling", "teacher");
  member = await makeUser(t.k, p.tenantId, d1.id, "member", "learner");
  dana = await signedIn(t.app, { host: p.host }, "dana");
  platformAdmin = await signedIn(t.app, { host: p.host }, p.adminLogin);
});
afterAll(() => t.close());

describe("a department admin inside their department", () => {
  let site: { id: string };
  let klass: { id: string };

  it("creates nested nodes", async () => {
    const r = await dana.post("/api/v1/orgs", { parentId: d1.id, name: "Collège Jules Verne", kind: "site" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ parentId: d1.id, canManage: true, depth: 3 });
    site = r.body;
    const c = await dana.post("/api/v1/orgs", { parentId: site.id, name: "6e A", kind: "class" });
    expect(c.status).toBe(200);
    klass = c.body;
  });

  it("renames, recolours, archives and restores them, and their own department", async () => {
    expect((await dana.patch(`/api/v1/orgs/${site.id}`, { name: "Collège J. Verne" })).body.name).toBe("Collège J. Verne");
    expect((await dana.patch(`/api/v1/orgs/${klass.id}`, { primaryColor: "#00AA00" })).body.primaryColor).toBe("#00aa00");
    expect((await dana.patch(`/api/v1/orgs/${d1.id}`, { primaryColor: "#112233", name: "Département Un" })).status).toBe(200);
    const arch = await dana.patch(`/api/v1/orgs/${klass.id}`, { archived: true });
    expect(arch.body).toMatchObject({ archived: true });
    expect(arch.body.archived).toBe(true);
    expect((await dana.patch(`/api/v1/orgs/${klass.id}`, { archived: false })).body.archived).toBe(false);
  });

  it("moves nodes within the department", async () => {
    const other = (await dana.post("/api/v1/orgs", { parentId: d1.id, name: "École", kind: "school" })).body;
    const r = await dana.post(`/api/v1/orgs/${klass.id}/move`, { parentId: other.id });
    expect(r.status).toBe(200);
    expect(r.body.parentId).toBe(other.id);
  });

  it("creates people there and grants roles there", async () => {
    const u = await dana.post("/api/v1/users", {
      username: "new.teacher",
      givenName: "Nina",
      familyName: "Prof",
      profile: "teacher",
      orgId: site.id,
      password: PASSWORD,
    });
    expect(u.status).toBe(200);
    const g = await dana.post(`/api/v1/users/${u.body.id}/roles`, { orgId: klass.id, role: "teacher" });
    expect(g.status).toBe(200);
    expect(g.body.roles.map((r: { orgId: string }) => r.orgId)).toEqual(expect.arrayContaining([site.id, klass.id]));
    const g2 = await dana.post(`/api/v1/users/${member.id}/roles`, { orgId: d1.id, role: "admin" });
    expect(g2.status).toBe(200);
    const revoked = await dana.del(`/api/v1/users/${u.body.id}/roles/${g.body.roles.find((r: { orgId: string }) => r.orgId === klass.id).id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.roles).toHaveLength(1);
    expect((await dana.patch(`/api/v1/users/${u.body.id}`, { familyName: "Professeure" })).body.familyName).toBe("Professeure");
  });
});

describe("a department admin outside their department", () => {
  it("gets 404 for a sibling department: it cannot even see it", async () => {
    for (const id of [d2.id, d2Site.id]) {
      expect((await dana.get(`/api/v1/orgs/${id}`)).status).toBe(404);
      expect((await dana.patch(`/api/v1/orgs/${id}`, { name: "Mine" })).status).toBe(404);
      expect((await dana.patch(`/api/v1/orgs/${id}`, { archived: true })).status).toBe(404);
      expect((await dana.get(`/api/v1/orgs/${id}/branding`)).status).toBe(404);
      expect((await dana.post("/api/v1/orgs", { parentId: id, name: "x", kind: "class" })).status).toBe(404);
      expect((await dana.post(`/api/v1/orgs/${id}/move`, { parentId: d1.id })).status).toBe(404);
    }
    expect((await dana.post("/api/v1/users", { username: "x.y", givenName: "X", familyName: "Y", profile: "learner", orgId: d2.id })).status).toBe(404);
  });

  it("gets 403 for the parent region: visible as an ancestor, not manageable", async () => {
    expect((await dana.get(`/api/v1/orgs/${region.id}/branding`)).status).toBe(200);
    expect((await dana.get(`/api/v1/orgs/${region.id}`)).body).toMatchObject({ id: region.id, canManage: false });
    expect((await dana.get(`/api/v1/orgs/${d1.id}`)).body).toMatchObject({ id: d1.id, canManage: true });
    expect((await dana.patch(`/api/v1/orgs/${region.id}`, { name: "Mine" })).status).toBe(403);
    expect((await dana.patch(`/api/v1/orgs/${region.id}`, { primaryColor: "#000000" })).status).toBe(403);
    expect((await dana.patch(`/api/v1/orgs/${region.id}`, { archived: true })).status).toBe(403);
    expect((await dana.post("/api/v1/orgs", { parentId: region.id, name: "New dept", kind: "department" })).status).toBe(403);
    expect((await dana.patch(`/api/v1/orgs/${p.rootOrgId}`, { name: "Mine" })).status).toBe(403);
    expect(
      (await dana.post("/api/v1/users", { username: "x.z", givenName: "X", familyName: "Z", profile: "admin", orgId: region.id, password: PASSWORD })).status,
    ).toBe(403);
    expect((await dana.post(`/api/v1/users/${member.id}/roles`, { orgId: region.id, role: "admin" })).status).toBe(403);
    const list = (await dana.get("/api/v1/orgs")).body.items as { id: string; canManage: boolean }[];
    expect(list.find((o) => o.id === region.id)?.canManage).toBe(false);
    expect(list.find((o) => o.id === d1.id)?.canManage).toBe(true);
    expect(list.map((o) => o.id)).not.toContain(d2.id);
  });

  it("cannot move a node out of the department", async () => {
    const site = (await dana.post("/api/v1/orgs", { parentId: d1.id, name: "Mobile", kind: "site" })).body;
    expect((await dana.post(`/api/v1/orgs/${site.id}/move`, { parentId: region.id })).status).toBe(403);
    expect((await dana.post(`/api/v1/orgs/${site.id}/move`, { parentId: p.rootOrgId })).status).toBe(403);
    expect((await dana.post(`/api/v1/orgs/${site.id}/move`, { parentId: d2.id })).status).toBe(404);
    expect((await dana.post(`/api/v1/orgs/${d1.id}/move`, { parentId: p.rootOrgId })).status).toBe(403);
    const tree = (await platformAdmin.get("/api/v1/orgs")).body.items as { id: string; parentId: string }[];
    expect(tree.find((o) => o.id === site.id)?.parentId).toBe(d1.id);
    expect(tree.find((o) => o.id === d1.id)?.parentId).toBe(region.id);
  });

  it("cannot see people placed only in a sibling department", async () => {
    expect((await dana.get(`/api/v1/users/${sibling.id}`)).status).toBe(404);
    expect((await dana.patch(`/api/v1/users/${sibling.id}`, { status: "disabled" })).status).toBe(404);
    expect((await dana.post(`/api/v1/users/${sibling.id}/roles`, { orgId: d1.id, role: "learner" })).status).toBe(404);
    const all = (await dana.get("/api/v1/users?pageSize=200")).body;
    expect(all.items.map((u: { id: string }) => u.id)).not.toContain(sibling.id);
    expect(all.items.map((u: { id: string }) => u.id)).toContain(member.id);
    expect((await dana.get("/api/v1/users?q=sibling")).body.total).toBe(0);
    expect((await dana.get(`/api/v1/users?orgId=${region.id}`)).body.items.map((u: { id: string }) => u.id)).not.toContain(sibling.id);
    // nor the platform admin, placed at the root only
    expect((await dana.get(`/api/v1/users/${p.adminId}`)).status).toBe(404);
  });

  it("cannot take over someone who also belongs elsewhere (a platform admin teaching in the department)", async () => {
    const roles = await platformAdmin.post(`/api/v1/users/${p.adminId}/roles`, { orgId: d1.id, role: "teacher" });
    expect(roles.status).toBe(200);
    // dana sees them (they are in her department) ...
    expect((await dana.get(`/api/v1/users/${p.adminId}`)).status).toBe(200);
    // ... but may not redirect their mail (then reset their password) nor deactivate them
    expect((await dana.patch(`/api/v1/users/${p.adminId}`, { email: "dana-inbox@example.test" })).status).toBe(403);
    expect((await dana.patch(`/api/v1/users/${p.adminId}`, { status: "disabled" })).status).toBe(403);
    expect((await dana.patch(`/api/v1/users/${sibling.id}`, { email: "x@example.test" })).status).toBe(404);
    expect((await platformAdmin.get("/api/v1/me")).body.email).toBe("admin@deleg.test");
    // the region admin, above both of sibling's branches, may
    await makeUser(t.k, p.tenantId, region.id, "rita", "admin");
    const rita = await signedIn(t.app, { host: p.host }, "rita");
    await platformAdmin.post(`/api/v1/users/${sibling.id}/roles`, { orgId: d1.id, role: "parent" });
    expect((await dana.patch(`/api/v1/users/${sibling.id}`, { givenName: "Changed" })).status).toBe(403);
    expect((await rita.patch(`/api/v1/users/${sibling.id}`, { givenName: "Changed" })).status).toBe(200);
  });
});
