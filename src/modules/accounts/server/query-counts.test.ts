import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, PASSWORD, rootOf } from "../../../../test/factories.ts";
import { Client, countQueries, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";

/** Key endpoints issue a bounded number of SQL statements, whatever the number of roles and nodes. */
let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let few: Client;
let many: Client;
let fewAdmin: Client;
let manyAdmin: Client;

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "counts");
  const region = await makeOrg(t.k, p.tenantId, rootOf(p), "Région", "region");
  // a deep branch and a wide one: 30 nodes
  let parent = region;
  const nodes = [];
  for (let i = 0; i < 10; i++) {
    parent = await makeOrg(t.k, p.tenantId, parent, `Niveau ${i}`, "group");
    nodes.push(parent);
  }
  for (let i = 0; i < 20; i++) nodes.push(await makeOrg(t.k, p.tenantId, region, `Classe ${i}`, "class"));
  const one = await makeUser(t.k, p.tenantId, nodes[0].id, "one.role", "teacher");
  const thirty = await makeUser(t.k, p.tenantId, nodes[0].id, "thirty.roles", "teacher");
  await makeUser(t.k, p.tenantId, region.id, "small.admin", "admin");
  const big = await makeUser(t.k, p.tenantId, nodes[0].id, "big.admin", "admin");
  const rows = nodes.slice(1).flatMap((n) => [
    { tenant_id: p.tenantId, id: newId(), user_id: thirty.id, org_id: n.id, role: "teacher" as const },
    { tenant_id: p.tenantId, id: newId(), user_id: big.id, org_id: n.id, role: "admin" as const },
  ]);
  await t.k.db.insertInto("role_assignments").values(rows).execute();
  // people to count on the admin's home
  for (let i = 0; i < 15; i++) await makeUser(t.k, p.tenantId, nodes[i].id, `pupil${i}`, "learner");
  expect(one.id).not.toBe(thirty.id);
  few = await signedIn(t.app, { host: p.host }, "one.role");
  many = await signedIn(t.app, { host: p.host }, "thirty.roles");
  fewAdmin = await signedIn(t.app, { host: p.host }, "small.admin");
  manyAdmin = await signedIn(t.app, { host: p.host }, "big.admin");
});
afterAll(() => t.close());

// the first request of a person on a node also loads their roles (then cached: ActorCache)
const count = async (c: Client, url: string) => {
  await c.get(url);
  const r = await countQueries(() => c.get(url));
  // the platform lookup is cached per node, but other test files sharing Redis announce platform
  // changes that empty that cache at any moment: it is not the endpoint's own cost
  const own = r.sql.filter((s) => !s.includes('from "hostnames"'));
  Object.assign(r, { sql: own, count: own.length });
  expect(r.result.status, url).toBe(200);
  return r;
};

// what the endpoint reads (the session comes from the node's cache after the first request)
describe.each([
  ["/api/v1/me", 2],
  ["/api/v1/home", 1],
  ["/api/v1/orgs", 1],
  ["/api/v1/users", 2],
])("GET %s", (url, most) => {
  it("issues the same small number of statements with 1 and with 30 roles", async () => {
    const a = await count(few, url);
    const b = await count(many, url);
    expect(b.count, b.sql.join("\n")).toBe(a.count);
    expect(a.count).toBeLessThanOrEqual(most);
    const c = await count(fewAdmin, url);
    const d = await count(manyAdmin, url);
    expect(d.count, d.sql.join("\n")).toBe(c.count);
    expect(c.count).toBeLessThanOrEqual(most);
    expect(c.count, "an admin's request reads something").toBeGreaterThan(0);
  });
});

it("signs in with one statement (the account with what /me shows, and its session), with 1 or 30 roles", async () => {
  for (const login of ["one.role", "thirty.roles"]) {
    const c = new Client(t.app, { host: p.host });
    await c.get("/api/v1/platform");
    const r = await countQueries(() => c.post("/api/v1/auth/sign-in", { login, password: PASSWORD }));
    expect(r.result.status).toBe(200);
    const own = r.sql.filter((s) => !s.includes('from "hostnames"'));
    expect(own, own.join("\n")).toHaveLength(1);
    expect(r.result.body.grants).toHaveLength(login === "one.role" ? 1 : 30);
    expect((await c.get("/api/v1/me")).body.grants).toHaveLength(login === "one.role" ? 1 : 30); // the session it opened
  }
});

it("/me really carries the 30 roles, each with its branding", async () => {
  const me = (await many.get("/api/v1/me")).body;
  expect(me.grants).toHaveLength(30);
  expect(new Set(me.grants.map((g: { branding: { platformName: string } }) => g.branding.platformName))).toEqual(new Set(["Plateforme counts"]));
  const home = (await manyAdmin.get("/api/v1/home")).body;
  expect(home.orgs).toHaveLength(30);
  expect(home.admin.users).toBeGreaterThanOrEqual(17);
});

describe("roles cache", () => {
  it("a role granted or withdrawn applies to the very next request", async () => {
    const admin = await signedIn(t.app, { host: p.host }, "counts-admin");
    const me = (await few.get("/api/v1/me")).body;
    const region = (await admin.get("/api/v1/orgs")).body.items.find((o: { name: string }) => o.name === "Région");
    expect((await few.get(`/api/v1/orgs/${region.id}/branding`)).status).toBe(200);
    expect((await few.get("/api/v1/users")).body.total).toBe(0);
    const granted = await admin.post(`/api/v1/users/${me.id}/roles`, { orgId: region.id, role: "admin" });
    expect(granted.status).toBe(200);
    expect((await few.get("/api/v1/users")).body.total).toBeGreaterThan(0);
    const roleId = granted.body.roles.find((r: { role: string }) => r.role === "admin").id;
    expect((await admin.del(`/api/v1/users/${me.id}/roles/${roleId}`)).status).toBe(200);
    expect((await few.get("/api/v1/users")).body.total).toBe(0);
  });
});
