import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser } from "../../../../test/factories.ts";
import { type Client, countQueries, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let other: Awaited<ReturnType<typeof makePlatform>>;
let teacher: Client;
let admin: Client;
let otherAdmin: Client;
let outsider: Client;
const L: Client[] = [];
let courseId: string;
const base = () => `/api/v1/courses/${courseId}/reviews`;

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "avis");
  other = await makePlatform(t.k, "autre");
  const tu = await makeUser(t.k, p.tenantId, p.rootOrgId, "prof", "teacher");
  await makeUser(t.k, p.tenantId, p.rootOrgId, "curieux");
  const ids: string[] = [];
  for (const n of ["ana", "ben", "cleo", "dan", "eva"]) ids.push((await makeUser(t.k, p.tenantId, p.rootOrgId, n)).id);
  courseId = newId();
  await t.k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "Statistiques", status: "published" }).execute();
  await t.k.db
    .insertInto("course_members")
    .values([
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: tu.id, role: "teacher" as const },
      ...ids.map((u) => ({ tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: u, role: "learner" as const })),
    ])
    .execute();
  const h = { host: p.host };
  teacher = await signedIn(t.app, h, "prof");
  admin = await signedIn(t.app, h, p.adminLogin);
  outsider = await signedIn(t.app, h, "curieux");
  otherAdmin = await signedIn(t.app, { host: other.host }, other.adminLogin);
  for (const n of ["ana", "ben", "cleo", "dan", "eva"]) L.push(await signedIn(t.app, h, n));
});
afterAll(() => t?.close());

describe("course reviews", () => {
  it("enrolled learners rate once (and may change it); others may not; bad stars are a 422", async () => {
    expect((await outsider.put(`${base()}/mine`, { stars: 5 })).status).toBe(403);
    expect((await teacher.put(`${base()}/mine`, { stars: 5 })).status).toBe(403);
    const bad = await L[0]!.put(`${base()}/mine`, { stars: 6 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.stars).toBeTruthy();
    expect((await L[0]!.put(`${base()}/mine`, { stars: 2, body: "Trop rapide" })).body).toMatchObject({ average: 2, count: 1 });
    const again = await L[0]!.put(`${base()}/mine`, { stars: 4, body: "Finalement très bien" });
    expect(again.body).toMatchObject({ average: 4, count: 1 });
    await L[1]!.put(`${base()}/mine`, { stars: 5, body: "Excellent" });
    await L[2]!.put(`${base()}/mine`, { stars: 3 });
    const list = await outsider.get(base());
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ average: 4, count: 3, canReview: false, canReply: false, canModerate: false, total: 3 });
    const mine = await L[0]!.get(base());
    expect(mine.body.mine).toMatchObject({ stars: 4, body: "Finalement très bien" });
    expect(mine.body.canReview).toBe(true);
  });

  it("the average shows in the catalogue, still in one query", async () => {
    const r = await outsider.get("/api/v1/catalogue");
    const card = r.body.items.find((c: { id: string }) => c.id === courseId);
    expect(card.rating).toEqual({ average: 4, count: 3 });
    const c = await countQueries(() => outsider.get("/api/v1/catalogue"));
    expect(c.result.body.items.find((x: { id: string }) => x.id === courseId).rating).toEqual({ average: 4, count: 3 });
    expect(c.count).toBeLessThanOrEqual(2);
  });

  it("teachers reply; learners do not", async () => {
    const list = await teacher.get(base());
    const id = list.body.items.find((r: { stars: number }) => r.stars === 3).id;
    expect((await L[1]!.put(`${base()}/${id}/reply`, { text: "Moi aussi" })).status).toBe(403);
    expect((await teacher.put(`${base()}/${id}/reply`, { text: "Merci, nous ajoutons des exercices." })).status).toBe(200);
    const after = await L[3]!.get(base());
    expect(after.body.items.find((r: { id: string }) => r.id === id).reply).toMatchObject({ text: "Merci, nous ajoutons des exercices.", by: "prof Test" });
  });

  it("three reports hide a review and take it out of the average; an admin shows it again or hides it with a reason", async () => {
    const list = await teacher.get(base());
    const id = list.body.items.find((r: { stars: number }) => r.stars === 5).id;
    expect((await L[1]!.post(`${base()}/${id}/flags`, { reason: "spam" })).status).toBe(422);
    for (const c of [L[0]!, L[2]!]) expect((await c.post(`${base()}/${id}/flags`, { reason: "spam" })).status).toBe(200);
    expect((await L[0]!.post(`${base()}/${id}/flags`, { reason: "spam" })).status).toBe(409);
    expect((await L[3]!.get(base())).body.count).toBe(3);
    await L[3]!.post(`${base()}/${id}/flags`, { reason: "inappropriate" });
    const hidden = await L[4]!.get(base());
    expect(hidden.body).toMatchObject({ average: 3.5, count: 2 });
    expect(hidden.body.items.some((r: { id: string }) => r.id === id)).toBe(false);
    expect((await L[1]!.get(base())).body.mine.status).toBe("hidden");
    expect((await teacher.post(`${base()}/${id}/moderation`, { action: "show" })).status).toBe(403);
    const shown = await admin.post(`${base()}/${id}/moderation`, { action: "show" });
    expect(shown.body).toEqual({ average: 4, count: 3 });
    expect((await admin.post(`${base()}/${id}/moderation`, { action: "hide" })).status).toBe(422);
    expect((await admin.post(`${base()}/${id}/moderation`, { action: "hide", reason: "Hors sujet" })).body).toEqual({ average: 3.5, count: 2 });
    const log = await admin.get("/api/v1/moderation/log");
    expect(log.body.items[0]).toMatchObject({ action: "review_hide", reason: "Hors sujet" });
  });

  it("another platform sees nothing (404); CSRF is required", async () => {
    expect((await otherAdmin.get(base())).status).toBe(404);
    expect((await otherAdmin.put(`${base()}/mine`, { stars: 1 })).status).toBe(404);
    const r = await L[4]!.request("PUT", `${base()}/mine`, { stars: 1 }, { "x-csrf-token": "nope" });
    expect(r.status).toBe(403);
  });
});
