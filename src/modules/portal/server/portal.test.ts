import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { sql } from "kysely";
import { type Client, countSteady, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { LAUNCHERS_KEPT_DAYS, purgeLaunchers } from "./index.ts";

/**
 * The services portal through its API: the operator's catalogue, a platform enabling an entry for
 * some profiles, a school hiding it and adding its own, what each person's portal shows, counted
 * launches and usage figures, and isolation between platforms.
 */
let t: TestApp;
let net: Awaited<ReturnType<typeof makePlatform>>;
let p: Awaited<ReturnType<typeof makePlatform>>;
let other: Awaited<ReturnType<typeof makePlatform>>;
let operator: Client;
let admin: Client;
const S = {} as {
  jaures: { id: string; path: string };
  moulin: { id: string; path: string };
  schoolAdmin: Client;
  pupilJ: Client;
  pupilM: Client;
  teacherM: Client;
  pad: string;
  cloud: string;
};

const names = async (c: Client) => (await c.get("/api/v1/portal")).body.items.map((s: { name: string }) => s.name).sort();

beforeAll(async () => {
  t = await testApp();
  net = await makePlatform(t.k, "reseau", { operator: true });
  p = await makePlatform(t.k, "college");
  other = await makePlatform(t.k, "lycee");
  operator = await signedIn(t.app, { host: net.host }, net.adminLogin);
  admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
  S.jaures = await makeOrg(t.k, p.tenantId, rootOf(p), "Collège Jaurès", "school");
  S.moulin = await makeOrg(t.k, p.tenantId, rootOf(p), "Collège Moulin", "school");
  const classM = await makeOrg(t.k, p.tenantId, S.moulin, "6e B", "class");
  await makeUser(t.k, p.tenantId, S.jaures.id, "pupil.j", "learner");
  await makeUser(t.k, p.tenantId, classM.id, "pupil.m", "learner");
  await makeUser(t.k, p.tenantId, S.moulin.id, "teacher.m", "teacher");
  const moulinAdmin = await makeUser(t.k, p.tenantId, S.moulin.id, "admin.m", "admin");
  expect(moulinAdmin.id).toBeTruthy();
  await makeUser(t.k, other.tenantId, other.rootOrgId, "pupil.l", "learner");
  S.schoolAdmin = await signedIn(t.app, { host: p.host }, "admin.m");
  S.pupilJ = await signedIn(t.app, { host: p.host }, "pupil.j");
  S.pupilM = await signedIn(t.app, { host: p.host }, "pupil.m");
  S.teacherM = await signedIn(t.app, { host: p.host }, "teacher.m");
});
afterAll(() => t.close());

describe("network catalogue", () => {
  it("is the deployment operator's", async () => {
    const r = await operator.post("/api/v1/portal/catalog", {
      name: "Pad collaboratif",
      description: "Écrire à plusieurs",
      url: "https://pad.example/",
      signOn: "oidc",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ name: "Pad collaboratif", signOn: "oidc", archived: false, platforms: 0 });
    S.pad = r.body.id;
    expect((await admin.post("/api/v1/portal/catalog", { name: "X", url: "https://x.example/", signOn: "none" })).status).toBe(403);
    expect((await admin.get("/api/v1/portal/catalog")).status).toBe(403);
    const bad = await operator.post("/api/v1/portal/catalog", { name: "", url: "javascript:alert(1)", signOn: "saml" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["name", "signOn", "url"]);
  });

  it("is offered to every platform's admins, off until they enable it", async () => {
    const r = await admin.get(`/api/v1/portal/orgs/${p.rootOrgId}/services`);
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([expect.objectContaining({ serviceId: null, catalogId: S.pad, state: "off", name: "Pad collaboratif" })]);
    expect(await names(S.pupilJ)).toEqual([]);
  });
});

describe("what each node decides", () => {
  it("the platform enables a catalogue entry for pupils; a school hides it below itself", async () => {
    const on = await admin.put(`/api/v1/portal/orgs/${p.rootOrgId}/settings`, { catalogId: S.pad, state: "enabled", profiles: ["learner"] });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body).toMatchObject({ state: "enabled", profiles: ["learner"], setAt: { id: p.rootOrgId, here: true } });
    expect(await names(S.pupilJ)).toEqual(["Pad collaboratif"]);
    expect(await names(S.pupilM)).toEqual(["Pad collaboratif"]);
    expect(await names(S.teacherM)).toEqual([]);
    const hide = await S.schoolAdmin.put(`/api/v1/portal/orgs/${S.moulin.id}/settings`, { catalogId: S.pad, state: "hidden" });
    expect(hide.body).toMatchObject({ state: "hidden", setAt: { id: S.moulin.id, here: true } });
    expect(await names(S.pupilM)).toEqual([]);
    expect(await names(S.pupilJ)).toEqual(["Pad collaboratif"]);
    // the school's admin sees where it comes from; the platform's view is unchanged
    const atRoot = (await admin.get(`/api/v1/portal/orgs/${p.rootOrgId}/services`)).body.items[0];
    expect(atRoot).toMatchObject({ state: "enabled", setAt: { here: true } });
    // back to what the platform decides
    await S.schoolAdmin.put(`/api/v1/portal/orgs/${S.moulin.id}/settings`, { serviceId: hide.body.serviceId, state: "inherit" });
    const inherited = (await S.schoolAdmin.get(`/api/v1/portal/orgs/${S.moulin.id}/services`)).body.items[0];
    expect(inherited).toMatchObject({ state: "enabled", setAt: { id: p.rootOrgId, name: "Plateforme college", here: false } });
    expect(await names(S.pupilM)).toEqual(["Pad collaboratif"]);
  });

  it("a school adds a service of its own, for its teachers only, invisible elsewhere", async () => {
    const r = await S.schoolAdmin.post(`/api/v1/portal/orgs/${S.moulin.id}/services`, {
      name: "Nuage Moulin",
      url: "https://cloud.moulin.example/",
      signOn: "cas",
      profiles: ["teacher"],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ own: true, state: "enabled", profiles: ["teacher"] });
    S.cloud = r.body.serviceId;
    expect(await names(S.teacherM)).toEqual(["Nuage Moulin"]);
    expect(await names(S.pupilM)).toEqual(["Pad collaboratif"]);
    // not available at another school, not changeable by its admin there
    expect((await admin.get(`/api/v1/portal/orgs/${S.jaures.id}/services`)).body.items.map((s: { name: string }) => s.name)).toEqual(["Pad collaboratif"]);
    expect((await admin.put(`/api/v1/portal/orgs/${S.jaures.id}/settings`, { serviceId: S.cloud, state: "enabled", profiles: ["learner"] })).status).toBe(404);
    // a school admin cannot act on the platform's root or another school
    expect((await S.schoolAdmin.put(`/api/v1/portal/orgs/${p.rootOrgId}/settings`, { catalogId: S.pad, state: "hidden" })).status).toBe(403);
    expect((await S.schoolAdmin.get(`/api/v1/portal/orgs/${S.jaures.id}/services`)).status).toBe(404); // a sibling branch: unseen
    expect(
      (await S.pupilM.post(`/api/v1/portal/orgs/${S.moulin.id}/services`, { name: "X", url: "https://x.example/", signOn: "none", profiles: ["learner"] }))
        .status,
    ).toBe(403);
  });

  it("the operator's changes reach the platforms' copies; archiving takes the entry out of every portal", async () => {
    expect((await operator.patch(`/api/v1/portal/catalog/${S.pad}`, { name: "Pad du réseau" })).body).toMatchObject({ name: "Pad du réseau", platforms: 1 });
    expect(await names(S.pupilJ)).toEqual(["Pad du réseau"]);
    await operator.patch(`/api/v1/portal/catalog/${S.pad}`, { archived: true });
    expect(await names(S.pupilJ)).toEqual([]);
    await operator.patch(`/api/v1/portal/catalog/${S.pad}`, { archived: false });
    expect(await names(S.pupilJ)).toEqual(["Pad du réseau"]);
  });
});

describe("launches", () => {
  it("go through a counting route to the service; a service not in the person's portal is refused", async () => {
    const padId = (await S.pupilJ.get("/api/v1/portal")).body.items[0].id;
    for (const c of [S.pupilJ, S.pupilJ, S.pupilM]) {
      const r = await c.get(`/api/v1/portal/launch/${padId}`);
      expect(r.status).toBe(302);
      expect(r.headers.location).toBe("https://pad.example/");
    }
    const refused = await S.pupilJ.get(`/api/v1/portal/launch/${S.cloud}`);
    expect(refused.headers.location).toBe("/portal?unavailable=1");
    const anon = await signedIn(t.app, { host: p.host }, "pupil.j");
    anon.cookies.clear();
    expect((await anon.get(`/api/v1/portal/launch/${padId}`)).headers.location).toBe(`/sign-in?next=${encodeURIComponent(`/api/v1/portal/launch/${padId}`)}`);
    // another platform's person gets nothing from it
    const lycee = await signedIn(t.app, { host: other.host }, "pupil.l");
    expect((await lycee.get(`/api/v1/portal/launch/${padId}`)).headers.location).toBe("/portal?unavailable=1");
    expect((await lycee.get(`/api/v1/portal/orgs/${p.rootOrgId}/services`)).status).toBe(404);

    const usage = await admin.get("/api/v1/portal/usage?days=7");
    expect(usage.status).toBe(200);
    expect(usage.body.services.find((s: { id: string }) => s.id === padId)).toMatchObject({ launches: 3, people: 2 });
    expect(usage.body.days).toEqual([expect.objectContaining({ serviceId: padId, launches: 3, people: 2 })]);
    expect((await S.schoolAdmin.get("/api/v1/portal/usage")).status).toBe(403);
    const network = await operator.get("/api/v1/portal/catalog/usage");
    expect(network.body.items).toEqual([{ catalogId: S.pad, platform: "college", launches: 3 }]);
  });

  it("forgets who launched what after LAUNCHERS_KEPT_DAYS, keeping the daily counts", async () => {
    const padId = (await S.pupilJ.get("/api/v1/portal")).body.items[0].id;
    const userId = (await S.pupilJ.get("/api/v1/me")).body.id;
    const day = (ago: number) => new Date(Date.now() - ago * 86400_000).toISOString().slice(0, 10);
    await t.k.db
      .insertInto("portal_launchers")
      .values([LAUNCHERS_KEPT_DAYS + 5, LAUNCHERS_KEPT_DAYS - 5].map((ago) => ({ tenant_id: p.tenantId, service_id: padId, day: day(ago), user_id: userId })))
      .execute();
    await t.k.db.insertInto("portal_usage").values({ tenant_id: p.tenantId, service_id: padId, day: day(LAUNCHERS_KEPT_DAYS + 5), launches: 4, people: 1 }).execute();
    expect(await purgeLaunchers(t.k.db, LAUNCHERS_KEPT_DAYS)).toBe(1);
    const left = await t.k.db.selectFrom("portal_launchers").select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as("day")).where("tenant_id", "=", p.tenantId).where("user_id", "=", userId).execute();
    expect(left.map((r) => r.day)).not.toContain(day(LAUNCHERS_KEPT_DAYS + 5));
    expect(left.map((r) => r.day)).toContain(day(LAUNCHERS_KEPT_DAYS - 5));
    const kept = await t.k.db.selectFrom("portal_usage").select("launches").where("tenant_id", "=", p.tenantId).where("day", "=", day(LAUNCHERS_KEPT_DAYS + 5)).execute();
    expect(kept).toEqual([{ launches: 4 }]);
  });

  it("the portal costs the same few statements whatever the number of services", async () => {
    const before = await countSteady(() => S.teacherM.get("/api/v1/portal"));
    for (let i = 0; i < 5; i++)
      await S.schoolAdmin.post(`/api/v1/portal/orgs/${S.moulin.id}/services`, {
        name: `Outil ${i}`,
        url: `https://tool${i}.example/`,
        signOn: "none",
        profiles: ["teacher"],
      });
    const after = await countSteady(() => S.teacherM.get("/api/v1/portal"));
    expect(after.result.body.items).toHaveLength(6);
    expect(after.count).toBe(before.count);
    expect(after.count).toBeLessThanOrEqual(2);
  });
});
