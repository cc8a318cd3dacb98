import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser } from "../../../../test/factories.ts";
import { type Client, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { DEFAULT_COLOR } from "../shared/branding.ts";

type Node = { id: string; parentId: string | null; name: string; depth: number; archived: boolean; primaryColor: string | null };

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let admin: Client;
const n = {} as Record<"region" | "region2" | "dept" | "site" | "klass", Node>;

const create = async (parentId: string, name: string, kind: string, extra: object = {}) => {
  const r = await admin.post("/api/v1/orgs", { parentId, name, kind, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as Node;
};
const tree = async (archived = false) => (await admin.get(`/api/v1/orgs?archived=${archived}`)).body.items as Node[];
const pathsInDb = async () =>
  new Map((await t.k.db.selectFrom("orgs").select(["id", "path", "parent_id"]).where("tenant_id", "=", p.tenantId).execute()).map((o) => [o.id, o]));

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "tree");
  admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
});
afterAll(() => t.close());

describe("organisation tree", () => {
  it("creates nested region > department > site > class", async () => {
    n.region = await create(p.rootOrgId, "Bretagne", "region");
    n.dept = await create(n.region.id, "Finistère", "department");
    n.site = await create(n.dept.id, "Collège de Brest", "site", { code: "0290001A" });
    n.klass = await create(n.site.id, "5e B", "class");
    n.region2 = await create(p.rootOrgId, "Occitanie", "region");
    expect([n.region.depth, n.dept.depth, n.site.depth, n.klass.depth]).toEqual([1, 2, 3, 4]);
    expect(n.klass.parentId).toBe(n.site.id);
    const items = await tree();
    // flat list in tree order: every node after its parent
    const index = new Map(items.map((o, i) => [o.id, i]));
    for (const o of items) if (o.parentId) expect(index.get(o.parentId)!).toBeLessThan(index.get(o.id)!);
    expect(items.map((o) => o.name)).toEqual(expect.arrayContaining(["Plateforme tree", "Bretagne", "Finistère", "Collège de Brest", "5e B", "Occitanie"]));
  });

  it("refuses a duplicate code and a bad kind with field errors", async () => {
    const dup = await admin.post("/api/v1/orgs", { parentId: n.dept.id, name: "Autre", kind: "site", code: "0290001A" });
    expect(dup.status).toBe(422);
    expect(Object.keys(dup.body.error.fields)).toEqual(["code"]);
    const bad = await admin.post("/api/v1/orgs", { parentId: n.dept.id, name: "", kind: "platform" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["kind", "name"]);
  });

  it("renames a node", async () => {
    const r = await admin.patch(`/api/v1/orgs/${n.site.id}`, { name: "  Collège Victor Segalen  " });
    expect(r.status).toBe(200);
    expect(r.body.name).toBe("Collège Victor Segalen");
    expect((await tree()).find((o) => o.id === n.site.id)?.name).toBe("Collège Victor Segalen");
    expect((await admin.get(`/api/v1/orgs/${n.site.id}`)).body).toMatchObject({ id: n.site.id, name: "Collège Victor Segalen", kind: "site", code: "0290001A" });
  });

  it("moves a whole subtree: the children's paths follow", async () => {
    const r = await admin.post(`/api/v1/orgs/${n.dept.id}/move`, { parentId: n.region2.id });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ parentId: n.region2.id, depth: 2 });
    const db = await pathsInDb();
    expect(db.get(n.dept.id)?.path).toBe(`${db.get(n.region2.id)!.path}${n.dept.id}/`);
    expect(db.get(n.site.id)?.path).toBe(`${db.get(n.dept.id)!.path}${n.site.id}/`);
    expect(db.get(n.klass.id)?.path).toBe(`${db.get(n.site.id)!.path}${n.klass.id}/`);
    expect(db.get(n.klass.id)?.parent_id).toBe(n.site.id);
    // nothing is left under the old region
    expect([...db.values()].filter((o) => o.path.startsWith(db.get(n.region.id)!.path))).toHaveLength(1);
    const items = await tree();
    expect(items.find((o) => o.id === n.klass.id)?.depth).toBe(4);
  });

  it("refuses to move a node under itself or its own descendant, with a field error", async () => {
    for (const target of [n.dept.id, n.site.id, n.klass.id]) {
      const r = await admin.post(`/api/v1/orgs/${n.dept.id}/move`, { parentId: target });
      expect(r.status).toBe(422);
      expect(r.body.error.fields).toHaveProperty("parentId");
    }
    const root = await admin.post(`/api/v1/orgs/${p.rootOrgId}/move`, { parentId: n.region.id });
    expect(root.status).toBe(422);
    expect((await pathsInDb()).get(n.dept.id)?.parent_id).toBe(n.region2.id);
  });

  it("archives a subtree: hidden by default, shown with archived=true, then restored", async () => {
    const r = await admin.patch(`/api/v1/orgs/${n.site.id}`, { archived: true });
    expect(r.status).toBe(200);
    expect(r.body.archived).toBe(true);
    const visible = (await tree()).map((o) => o.id);
    expect(visible).not.toContain(n.site.id);
    expect(visible).not.toContain(n.klass.id);
    expect(visible).toContain(n.dept.id);
    const all = await tree(true);
    expect(all.find((o) => o.id === n.site.id)?.archived).toBe(true);
    expect(all.find((o) => o.id === n.klass.id)?.archived).toBe(true);
    // no new node under an archived one, and nothing moves under it either
    const under = await admin.post("/api/v1/orgs", { parentId: n.klass.id, name: "Groupe", kind: "group" });
    expect(under.status).toBe(422);
    expect(under.body.error.fields).toHaveProperty("parentId");
    const moveUnder = await admin.post(`/api/v1/orgs/${n.region.id}/move`, { parentId: n.klass.id });
    expect(moveUnder.status).toBe(422);
    expect(moveUnder.body.error.fields).toHaveProperty("parentId");
    // the platform's root cannot be archived
    expect((await admin.patch(`/api/v1/orgs/${p.rootOrgId}`, { archived: true })).status).toBe(422);
    const restored = await admin.patch(`/api/v1/orgs/${n.site.id}`, { archived: false });
    expect(restored.body.archived).toBe(false);
    const back = (await tree()).map((o) => o.id);
    expect(back).toEqual(expect.arrayContaining([n.site.id, n.klass.id]));
  });

  it("a role on an archived node stops applying, and applies again once restored", async () => {
    await makeUser(t.k, p.tenantId, n.klass.id, "pupil", "learner");
    const pupil = await signedIn(t.app, { host: p.host }, "pupil");
    expect((await pupil.get("/api/v1/me")).body.grants).toHaveLength(1);
    await admin.patch(`/api/v1/orgs/${n.site.id}`, { archived: true });
    expect((await pupil.get("/api/v1/me")).body.grants).toHaveLength(0);
    expect((await pupil.get(`/api/v1/orgs/${n.klass.id}/branding`)).status).toBe(404);
    await admin.patch(`/api/v1/orgs/${n.site.id}`, { archived: false });
    expect((await pupil.get("/api/v1/me")).body.grants).toHaveLength(1);
  });

  it("inherits branding downward; null inherits again", async () => {
    const branding = async (id: string) => (await admin.get(`/api/v1/orgs/${id}/branding`)).body;
    expect((await branding(n.klass.id)).primaryColor).toBe(DEFAULT_COLOR);
    const logo = "https://cdn.example.org/occitanie.png";
    expect((await admin.patch(`/api/v1/orgs/${n.region2.id}`, { primaryColor: "#C2410C", logoUrl: logo })).status).toBe(200);
    expect(await branding(n.klass.id)).toEqual({ name: "5e B", platformName: "Plateforme tree", primaryColor: "#c2410c", logoUrl: logo });
    const pupil = await signedIn(t.app, { host: p.host }, "pupil");
    expect((await pupil.get("/api/v1/me")).body.grants[0].branding).toMatchObject({ primaryColor: "#c2410c", logoUrl: logo });
    // a nearer colour wins
    await admin.patch(`/api/v1/orgs/${n.site.id}`, { primaryColor: "#15803d" });
    expect((await branding(n.klass.id)).primaryColor).toBe("#15803d");
    expect((await branding(n.dept.id)).primaryColor).toBe("#c2410c");
    // null inherits again
    await admin.patch(`/api/v1/orgs/${n.site.id}`, { primaryColor: null });
    await admin.patch(`/api/v1/orgs/${n.region2.id}`, { logoUrl: null });
    expect(await branding(n.klass.id)).toMatchObject({ primaryColor: "#c2410c", logoUrl: null });
    await admin.patch(`/api/v1/orgs/${n.region2.id}`, { primaryColor: null });
    expect((await branding(n.klass.id)).primaryColor).toBe(DEFAULT_COLOR);
    expect((await pupil.get("/api/v1/me")).body.grants[0].branding.primaryColor).toBe(DEFAULT_COLOR);
    // the platform's colour is the last fallback
    await admin.patch(`/api/v1/orgs/${p.rootOrgId}`, { primaryColor: "#7c3aed" });
    expect((await branding(n.klass.id)).primaryColor).toBe("#7c3aed");
    expect((await admin.get("/api/v1/platform")).body.platform.branding.primaryColor).toBe("#7c3aed");
  });

  it("refuses a logo that is neither an https/http URL nor an image data URL", async () => {
    for (const logoUrl of ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "ftp://x/y.png"]) {
      const r = await admin.patch(`/api/v1/orgs/${n.site.id}`, { logoUrl });
      expect(r.status, logoUrl).toBe(422);
      expect(r.body.error.fields).toHaveProperty("logoUrl");
    }
    expect((await admin.patch(`/api/v1/orgs/${n.site.id}`, { primaryColor: "red" })).status).toBe(422);
  });
});
