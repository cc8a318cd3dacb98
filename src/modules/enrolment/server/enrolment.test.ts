import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, PASSWORD, rootOf } from "../../../../test/factories.ts";
import { Client, countSteady, signedIn, testApp, type TestApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { itemAvailable, parseItemCondition } from "./index.ts";
import { enrolDirect, makeCourse, makeItem, makeSection, viewItem } from "./test-fixtures.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let school: { id: string; path: string };
let classA: { id: string; path: string };
let classB: { id: string; path: string };
const users: Record<string, string> = {};
const as = (login: string, lang = "fr") => signedIn(t.app, { host: p.host, lang }, login);

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "enrol");
  school = await makeOrg(t.k, p.tenantId, rootOf(p), "École", "school");
  classA = await makeOrg(t.k, p.tenantId, school, "6e A", "class");
  classB = await makeOrg(t.k, p.tenantId, school, "6e B", "class");
  users.teacher = (await makeUser(t.k, p.tenantId, school.id, "prof", "teacher")).id;
  for (const n of ["lea", "max", "zoe", "tom", "ana"]) users[n] = (await makeUser(t.k, p.tenantId, classA.id, n, "learner")).id;
  users.bob = (await makeUser(t.k, p.tenantId, classB.id, "bob", "learner")).id;
});
afterAll(() => t.close());

async function course(opts: Parameters<typeof makeCourse>[3] = {}) {
  const c = await makeCourse(t.k, p.tenantId, school.id, opts);
  await enrolDirect(t.k, p.tenantId, c.id, users.teacher, "teacher");
  return c;
}

describe("self-enrolment", () => {
  it("open: enrols at once, idempotent; leaving keeps history", async () => {
    const c = await course({ selfEnrol: "open" });
    const lea = await as("lea");
    expect((await lea.get(`/api/v1/courses/${c.id}/enrolment`)).body).toMatchObject({ status: "none", canSelfEnrol: true });
    const r = await lea.post(`/api/v1/courses/${c.id}/enrolment`, {});
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("active");
    expect((await lea.post(`/api/v1/courses/${c.id}/enrolment`, {})).body.status).toBe("active");
    const left = await lea.del(`/api/v1/courses/${c.id}/enrolment`);
    expect(left.body.status).toBe("unenrolled");
    const rows = await t.k.db
      .selectFrom("course_members")
      .selectAll()
      .where("tenant_id", "=", p.tenantId)
      .where("course_id", "=", c.id)
      .where("user_id", "=", users.lea)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe("unenrolled");
  });

  it("closed: refused; draft courses are not found", async () => {
    const c = await course({ selfEnrol: "closed" });
    const lea = await as("lea");
    expect((await lea.post(`/api/v1/courses/${c.id}/enrolment`, {})).status).toBe(403);
    const d = await course({ selfEnrol: "open", status: "draft" });
    expect((await lea.post(`/api/v1/courses/${d.id}/enrolment`, {})).status).toBe(404);
  });

  it("with key: a wrong key is a localized field error, the right one enrols", async () => {
    const c = await course({ selfEnrol: "key", key: "sesame-42" });
    const lea = await as("lea", "en");
    const none = await lea.post(`/api/v1/courses/${c.id}/enrolment`, {});
    expect(none.status).toBe(422);
    expect(none.body.error.fields.key).toBeTruthy();
    const bad = await lea.post(`/api/v1/courses/${c.id}/enrolment`, { key: "nope" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.key).toMatch(/Wrong enrolment key/);
    const ok = await lea.post(`/api/v1/courses/${c.id}/enrolment`, { key: "sesame-42" });
    expect(ok.body.status).toBe("active");
  });

  it("with approval: pending, teachers told by mail, then approved or refused with a mail", async () => {
    const c = await course({ selfEnrol: "approval", title: "Chimie" });
    const lea = await as("lea");
    const max = await as("max");
    expect((await lea.post(`/api/v1/courses/${c.id}/enrolment`, {})).body.status).toBe("pending");
    expect((await max.post(`/api/v1/courses/${c.id}/enrolment`, {})).body.status).toBe("pending");
    const mails = await t.k.db
      .selectFrom("mail_outbox")
      .selectAll()
      .where("tenant_id", "=", p.tenantId)
      .where("to_address", "=", "prof@example.test")
      .execute();
    expect(mails.some((m) => m.subject.includes("Chimie") && m.text_body.includes("lea Test"))).toBe(true);
    // a pending learner is not a learner yet
    expect((await lea.get(`/api/v1/courses/${c.id}/my-progress`)).body.enrolled).toBe(false);
    const prof = await as("prof");
    const pending = await prof.get(`/api/v1/courses/${c.id}/members?status=pending`);
    expect(pending.body.items).toHaveLength(2);
    expect(pending.body.counts.pending).toBe(2);
    const mLea = pending.body.items.find((m: { username: string }) => m.username === "lea");
    const mMax = pending.body.items.find((m: { username: string }) => m.username === "max");
    expect((await lea.post(`/api/v1/courses/${c.id}/members/${mLea.id}/decision`, { approve: true })).status).toBe(403);
    expect((await prof.post(`/api/v1/courses/${c.id}/members/${mLea.id}/decision`, { approve: true })).body.status).toBe("active");
    expect((await prof.post(`/api/v1/courses/${c.id}/members/${mMax.id}/decision`, { approve: false })).body.status).toBe("unenrolled");
    expect((await prof.post(`/api/v1/courses/${c.id}/members/${mMax.id}/decision`, { approve: true })).status).toBe(409);
    const toLearners = await t.k.db
      .selectFrom("mail_outbox")
      .select(["to_address", "subject"])
      .where("tenant_id", "=", p.tenantId)
      .where("to_address", "in", ["lea@example.test", "max@example.test"])
      .execute();
    expect(toLearners.find((m) => m.to_address === "lea@example.test")?.subject).toMatch(/acceptée/);
    expect(toLearners.find((m) => m.to_address === "max@example.test")?.subject).toMatch(/refusée/);
  });

  it("dates: before and after the window are refused", async () => {
    const day = 86400_000;
    const early = await course({ enrolFrom: new Date(Date.now() + day) });
    const late = await course({ enrolUntil: new Date(Date.now() - day) });
    const lea = await as("lea");
    const r1 = await lea.post(`/api/v1/courses/${early.id}/enrolment`, {});
    expect(r1.status).toBe(422);
    expect(r1.body.error.code).toBe("enrolment.not_yet");
    expect((await lea.get(`/api/v1/courses/${early.id}/enrolment`)).body.blocked).toBe("not_yet");
    expect((await lea.post(`/api/v1/courses/${late.id}/enrolment`, {})).body.error.code).toBe("enrolment.ended");
  });

  it("capacity: counts active learners only, refuses clearly when full", async () => {
    const c = await course({ capacity: 2 });
    for (const n of ["lea", "max"]) expect((await (await as(n)).post(`/api/v1/courses/${c.id}/enrolment`, {})).body.status).toBe("active");
    const zoe = await as("zoe", "en");
    const full = await zoe.post(`/api/v1/courses/${c.id}/enrolment`, {});
    expect(full.status).toBe(409);
    expect(full.body.error.message).toMatch(/full \(2 seats\)/);
    // someone leaves: a seat frees (the teacher does not count)
    await (await as("max")).del(`/api/v1/courses/${c.id}/enrolment`);
    expect((await zoe.post(`/api/v1/courses/${c.id}/enrolment`, {})).body.status).toBe("active");
    // teachers adding beyond capacity are refused too, with the seats left
    const prof = await as("prof", "en");
    const over = await prof.post(`/api/v1/courses/${c.id}/members`, { userIds: [users.tom, users.ana] });
    expect(over.status).toBe(409);
    expect(over.body.error.message).toMatch(/no seat left of 2 for 2/);
  });

  it("settings: editors set the method and key (hashed); learners may not", async () => {
    const c = await course({ selfEnrol: "closed" });
    const prof = await as("prof");
    expect((await prof.patch(`/api/v1/courses/${c.id}/enrolment/settings`, { selfEnrol: "key" })).status).toBe(422);
    const s = await prof.patch(`/api/v1/courses/${c.id}/enrolment/settings`, { selfEnrol: "key", key: "ouvre-toi", capacity: 30 });
    expect(s.body).toMatchObject({ selfEnrol: "key", hasKey: true, capacity: 30 });
    const row = await t.k.db
      .selectFrom("courses")
      .select("enrol_key_hash")
      .where("tenant_id", "=", p.tenantId)
      .where("id", "=", c.id)
      .executeTakeFirstOrThrow();
    expect(row.enrol_key_hash).toMatch(/^\$argon2id\$/);
    expect((await (await as("lea")).patch(`/api/v1/courses/${c.id}/enrolment/settings`, { selfEnrol: "open" })).status).toBe(403);
  });
});

describe("by teacher, by CSV", () => {
  it("a teacher picks people of the branch; others are 404; unenrol keeps history and re-enrol restores progress", async () => {
    const c = await course();
    const s = await makeSection(t.k, p.tenantId, c.id);
    const i1 = await makeItem(t.k, p.tenantId, c.id, s.id, 0);
    await makeItem(t.k, p.tenantId, c.id, s.id, 1);
    const prof = await as("prof");
    const cand = await prof.get(`/api/v1/courses/${c.id}/candidates?q=tom`);
    expect(cand.body.items.map((x: { username: string }) => x.username)).toEqual(["tom"]);
    expect((await prof.post(`/api/v1/courses/${c.id}/members`, { userIds: [users.tom] })).body.enrolled).toBe(1);
    const other = await makePlatform(t.k, "enrol-other");
    const stranger = await makeUser(t.k, other.tenantId, other.rootOrgId, "stranger");
    expect((await prof.post(`/api/v1/courses/${c.id}/members`, { userIds: [stranger.id] })).status).toBe(404);

    const tom = await as("tom");
    expect((await tom.post(`/api/v1/courses/${c.id}/items/${i1.id}/done`)).body.percent).toBe(50);
    const members = await prof.get(`/api/v1/courses/${c.id}/members`);
    const m = members.body.items.find((x: { username: string }) => x.username === "tom");
    expect((await prof.del(`/api/v1/courses/${c.id}/members/${m.id}`)).body.status).toBe("unenrolled");
    expect((await tom.get(`/api/v1/courses/${c.id}/my-progress`)).body.enrolled).toBe(false);
    expect((await prof.get(`/api/v1/courses/${c.id}/members?status=unenrolled`)).body.items.map((x: { username: string }) => x.username)).toContain("tom");
    await prof.post(`/api/v1/courses/${c.id}/members`, { userIds: [users.tom] });
    const back = await tom.get(`/api/v1/courses/${c.id}/my-progress`);
    expect(back.body).toMatchObject({ enrolled: true, percent: 50 });
  });

  it("CSV: dry run reports each line; applying enrols the valid ones", async () => {
    const c = await course();
    const prof = await as("prof", "en");
    const csv = "username;role\nlea;learner\nmax@example.test;apprenant\nghost;learner\nzoe;wizard\nlea;learner\n";
    const dry = await prof.post(`/api/v1/courses/${c.id}/members/csv`, { csv, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.counts).toEqual({ enrol: 2, already: 0, restore: 0, error: 3 });
    expect(dry.body.rows[2]).toMatchObject({ line: 4, outcome: "error", error: "No such person in the course’s branch." });
    expect(dry.body.applied).toBe(false);
    expect((await prof.get(`/api/v1/courses/${c.id}/members`)).body.counts.active).toBe(1);
    const run = await prof.post(`/api/v1/courses/${c.id}/members/csv`, { csv, dryRun: false });
    expect(run.body.applied).toBe(true);
    expect((await prof.get(`/api/v1/courses/${c.id}/members`)).body.counts.active).toBe(3);
    const again = await prof.post(`/api/v1/courses/${c.id}/members/csv`, { csv: "email\nlea@example.test\n", dryRun: true });
    expect(again.body.rows[0].outcome).toBe("already");
    expect((await prof.post(`/api/v1/courses/${c.id}/members/csv`, { csv: "name\nx\n", dryRun: true })).status).toBe(422);
  });
});

describe("by class or node, kept in sync", () => {
  it("applies a rule at once, follows people joining and leaving the class, and re-enrol restores progress", async () => {
    const c = await course();
    const s = await makeSection(t.k, p.tenantId, c.id);
    const item = await makeItem(t.k, p.tenantId, c.id, s.id, 0, { completion: "viewed" });
    const admin = await as(p.adminLogin);
    const prof = await as("prof");
    const rule = await prof.post(`/api/v1/courses/${c.id}/enrolment/rules`, { orgId: classA.id });
    expect(rule.status).toBe(200);
    expect(rule.body.learners).toBe(5);
    // outside the course's branch
    const elsewhere = await makeOrg(t.k, p.tenantId, rootOf(p), "Autre", "school");
    expect((await prof.post(`/api/v1/courses/${c.id}/enrolment/rules`, { orgId: elsewhere.id })).status).toBe(422);

    // bob joins class A: enrolled at once
    const grant = await admin.post(`/api/v1/users/${users.bob}/roles`, { orgId: classA.id, role: "learner" });
    expect(grant.status).toBe(200);
    const bob = await as("bob");
    expect((await bob.get(`/api/v1/courses/${c.id}/enrolment`)).body.status).toBe("active");
    await viewItem(t.k, p.tenantId, c.id, item.id, users.bob);
    expect((await bob.get(`/api/v1/courses/${c.id}/my-progress`)).body.percent).toBe(100);

    // bob leaves class A: unenrolled, history kept
    const roleId = grant.body.roles.find((r: { orgId: string }) => r.orgId === classA.id).id;
    expect((await admin.del(`/api/v1/users/${users.bob}/roles/${roleId}`)).status).toBe(200);
    const row = await t.k.db
      .selectFrom("course_members")
      .selectAll()
      .where("tenant_id", "=", p.tenantId)
      .where("course_id", "=", c.id)
      .where("user_id", "=", users.bob)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("unenrolled");
    // a teacher cannot unenrol someone the rule manages
    const lea = (await prof.get(`/api/v1/courses/${c.id}/members`)).body.items.find((m: { username: string }) => m.username === "lea");
    expect((await prof.del(`/api/v1/courses/${c.id}/members/${lea.id}`)).status).toBe(409);

    // bob is back: his progress is still there
    await admin.post(`/api/v1/users/${users.bob}/roles`, { orgId: classA.id, role: "learner" });
    expect((await bob.get(`/api/v1/courses/${c.id}/my-progress`)).body).toMatchObject({ enrolled: true, percent: 100 });

    // removing the rule unenrols those it alone enrolled
    expect((await prof.del(`/api/v1/courses/${c.id}/enrolment/rules/${rule.body.id}`)).status).toBe(200);
    expect((await prof.get(`/api/v1/courses/${c.id}/members`)).body.counts.active).toBe(1);
    expect((await prof.post(`/api/v1/courses/${c.id}/enrolment/rules/sync`)).body).toEqual({ enrolled: 0, unenrolled: 0 });
  });
});

describe("completion", () => {
  it("validates and evaluates conditions", () => {
    expect(parseItemCondition(null)).toBeNull();
    expect(() => parseItemCondition({ when: "now" })).toThrow();
    expect(() => parseItemCondition({ from: "tomorrow" })).toThrow();
    const a = "0190a0a0-0000-7000-8000-000000000001";
    expect(() => parseItemCondition({ afterItemId: a }, { itemId: a })).toThrow();
    expect(() => parseItemCondition({ afterItemId: a }, { courseItemIds: [] })).toThrow();
    expect(parseItemCondition({ afterItemId: a }, { courseItemIds: [a] })).toEqual({ afterItemId: a });
    const actor = { grants: [{ orgId: "x", path: `/r/${classA.id}/`, role: "learner" as const }] };
    expect(itemAvailable({ groupOrgId: classA.id }, () => true, actor).available).toBe(true);
    expect(itemAvailable({ groupOrgId: classB.id }, () => true, actor).reason?.kind).toBe("group");
    expect(itemAvailable({ from: "2999-01-01T00:00:00Z" }, () => true, actor).reason?.kind).toBe("from");
  });

  it("item conditions set through the courses API are checked (422 with fields) and then lock the item", async () => {
    const c = await course();
    const s = await makeSection(t.k, p.tenantId, c.id);
    const a = await makeItem(t.k, p.tenantId, c.id, s.id, 0, { title: "Avant" });
    const b = await makeItem(t.k, p.tenantId, c.id, s.id, 1, { title: "Après" });
    const prof = await as("prof");
    const url = `/api/v1/courses/${c.id}/items/${b.id}`;
    expect((await prof.patch(url, { condition: { afterItemId: b.id } })).body.error.fields["condition.afterItemId"]).toBeTruthy();
    expect((await prof.patch(url, { condition: { from: "demain" } })).status).toBe(422);
    expect((await prof.patch(url, { condition: { colour: "red" } })).status).toBe(422);
    const ok = await prof.patch(url, { condition: { afterItemId: a.id } });
    expect(ok.status).toBe(200);
    expect(ok.body.condition).toEqual({ afterItemId: a.id });
    const tom = await as("tom");
    await tom.post(`/api/v1/courses/${c.id}/enrolment`, {});
    const prog = (await tom.get(`/api/v1/courses/${c.id}/my-progress`)).body;
    expect(prog.items.find((i: { id: string }) => i.id === b.id).locked).toMatchObject({ kind: "after", itemTitle: "Avant" });
    expect((await prof.patch(url, { condition: null })).body.condition).toBeNull();
  });

  it("opening an item completed on view (courses API) records it and completes the course", async () => {
    const c = await course();
    const s = await makeSection(t.k, p.tenantId, c.id);
    const a = await makeItem(t.k, p.tenantId, c.id, s.id, 0, { completion: "viewed" });
    const tom = await as("tom");
    await tom.post(`/api/v1/courses/${c.id}/enrolment`, {});
    expect((await tom.get(`/api/v1/courses/${c.id}/items/${a.id}`)).status).toBe(200);
    await tom.get(`/api/v1/courses/${c.id}/items/${a.id}`);
    const m = await t.k.db.selectFrom("course_members").select("completed_at").where("tenant_id", "=", p.tenantId).where("course_id", "=", c.id).where("user_id", "=", users.tom).executeTakeFirstOrThrow();
    expect(m.completed_at).toBeTruthy();
    await t.k.events.flush();
    const ev = await t.k.db.selectFrom("events").select(["object_type", "object_id"]).where("tenant_id", "=", p.tenantId).where("actor_id", "=", users.tom).where("verb", "=", "completed").execute();
    expect(ev.filter((e) => e.object_id === a.id)).toHaveLength(1);
    expect(ev.filter((e) => e.object_id === c.id)).toHaveLength(1);
  });

  it("mark done (idempotent), locked items with reason, progress %, course completed once as an event", async () => {
    const c = await course();
    const s = await makeSection(t.k, p.tenantId, c.id);
    const a = await makeItem(t.k, p.tenantId, c.id, s.id, 0, { title: "Lire", completion: "viewed" });
    const b = await makeItem(t.k, p.tenantId, c.id, s.id, 1, { title: "Exercice", completion: "done", condition: { afterItemId: a.id } });
    await makeItem(t.k, p.tenantId, c.id, s.id, 2, { title: "Annexe", completion: "none" });
    const later = await makeItem(t.k, p.tenantId, c.id, s.id, 3, { title: "Plus tard", completion: "done", condition: { from: "2999-01-01T00:00:00.000Z" } });
    await makeItem(t.k, p.tenantId, c.id, s.id, 4, { title: "Groupe B", completion: "done", condition: { groupOrgId: classB.id } });
    const zoe = await as("zoe");
    expect((await zoe.post(`/api/v1/courses/${c.id}/items/${b.id}/done`)).status).toBe(403); // not enrolled
    await zoe.post(`/api/v1/courses/${c.id}/enrolment`, {});
    let prog = (await zoe.get(`/api/v1/courses/${c.id}/my-progress`)).body;
    expect(prog.total).toBe(3);
    expect(prog.items.find((i: { id: string }) => i.id === b.id).locked).toEqual({ kind: "after", itemId: a.id, itemTitle: "Lire" });
    expect(prog.items.find((i: { id: string }) => i.id === later.id).locked.kind).toBe("from");
    expect((await zoe.post(`/api/v1/courses/${c.id}/items/${b.id}/done`)).status).toBe(409);
    await viewItem(t.k, p.tenantId, c.id, a.id, users.zoe);
    prog = (await zoe.post(`/api/v1/courses/${c.id}/items/${b.id}/done`)).body;
    expect(prog.percent).toBe(66);
    expect((await zoe.post(`/api/v1/courses/${c.id}/items/${b.id}/done`)).body.percent).toBe(66);
    expect((await zoe.del(`/api/v1/courses/${c.id}/items/${b.id}/done`)).body.percent).toBe(33);
    expect((await zoe.del(`/api/v1/courses/${c.id}/items/${b.id}/done`)).body.percent).toBe(33);
    await zoe.post(`/api/v1/courses/${c.id}/items/${b.id}/done`);
    await t.k.db.updateTable("course_items").set({ condition: null }).where("tenant_id", "=", p.tenantId).where("id", "=", later.id).execute();
    prog = (await zoe.post(`/api/v1/courses/${c.id}/items/${later.id}/done`)).body;
    expect(prog.percent).toBe(100);
    expect(prog.completedAt).toBeTruthy();
    await t.k.events.flush();
    const ev = await t.k.db
      .selectFrom("events")
      .select(["verb", "object_type", "object_id"])
      .where("tenant_id", "=", p.tenantId)
      .where("actor_id", "=", users.zoe)
      .where("verb", "=", "completed")
      .execute();
    expect(ev.filter((e) => e.object_type === "course" && e.object_id === c.id)).toHaveLength(1);
    expect(ev.filter((e) => e.object_type === "item" && e.object_id === b.id)).toHaveLength(2);
  });

  it("what's next: next open incomplete item per course, most recent activity first, fixed query count", async () => {
    const ana = await as("ana");
    const made: { c: string; items: string[] }[] = [];
    for (let n = 0; n < 3; n++) {
      const c = await course({ title: `Suivant ${n}` });
      const s = await makeSection(t.k, p.tenantId, c.id);
      const items: string[] = [];
      for (let i = 0; i < 3; i++) items.push((await makeItem(t.k, p.tenantId, c.id, s.id, i, { title: `N${n}-${i}` })).id);
      await ana.post(`/api/v1/courses/${c.id}/enrolment`, {});
      made.push({ c: c.id, items });
    }
    await ana.post(`/api/v1/courses/${made[0].c}/items/${made[0].items[0]}/done`);
    const r = await ana.get("/api/v1/me/next");
    const first = r.body.items[0];
    expect(first.courseId).toBe(made[0].c);
    expect(first.item.title).toBe("N0-1");
    expect(first.percent).toBe(33);
    const others = r.body.items.filter((x: { courseId: string }) => made.some((m) => m.c === x.courseId));
    expect(others).toHaveLength(3);
    const q1 = await countSteady(() => ana.get("/api/v1/me/next"));
    for (let n = 0; n < 4; n++) {
      const c = await course();
      const s = await makeSection(t.k, p.tenantId, c.id);
      await makeItem(t.k, p.tenantId, c.id, s.id, 0);
      await ana.post(`/api/v1/courses/${c.id}/enrolment`, {});
    }
    const q2 = await countSteady(() => ana.get("/api/v1/me/next"));
    expect(q2.count).toBe(q1.count);
  });
});

describe("teacher progress table", () => {
  it("pages learners × items with a fixed query count (50 vs 500 learners); CSV export", async () => {
    const c = await course({ title: "Grand cours" });
    const s = await makeSection(t.k, p.tenantId, c.id);
    const items: string[] = [];
    for (let i = 0; i < 4; i++) items.push((await makeItem(t.k, p.tenantId, c.id, s.id, i, { completion: i % 2 ? "done" : "viewed" })).id);
    const big = await makeOrg(t.k, p.tenantId, school, "Promo", "class");
    const addLearners = async (from: number, to: number) => {
      const { insertPerson } = await import("../../accounts/server/index.ts");
      for (let i = from; i < to; i++) {
        const id = await insertPerson(t.k.db, p.tenantId, {
          username: `l${String(i).padStart(4, "0")}`,
          givenName: "L",
          familyName: `N${String(i).padStart(4, "0")}`,
          profile: "learner",
          orgId: big.id,
          passwordHash: null,
        });
        await enrolDirect(t.k, p.tenantId, c.id, id);
        if (i % 3 === 0) await viewItem(t.k, p.tenantId, c.id, items[0], id);
      }
    };
    await addLearners(0, 50);
    const prof = await as("prof");
    await prof.get(`/api/v1/courses/${c.id}/progress`);
    const r50 = await countSteady(() => prof.get(`/api/v1/courses/${c.id}/progress?page=1&pageSize=50`));
    expect(r50.result.status).toBe(200);
    expect(r50.result.body.total).toBe(50);
    expect(r50.result.body.items).toHaveLength(4);
    expect(r50.result.body.learners[0]).toMatchObject({ username: "l0000", percent: 25 });
    expect(r50.result.body.learners[0].cells[0]).toBeTruthy();
    await addLearners(50, 500);
    // the warm-up reloads the person's cached roles (their 30 s lifetime may end while 450 learners
    // are added on a slow machine) and does the session's periodic touch: neither is the endpoint's
    await t.k.actors.changed(p.tenantId);
    await prof.get(`/api/v1/courses/${c.id}/progress?page=2&pageSize=50`);
    const r500 = await countSteady(() => prof.get(`/api/v1/courses/${c.id}/progress?page=3&pageSize=50`));
    expect(r500.result.body.total).toBe(500);
    expect(r500.result.body.learners[0].username).toBe("l0100");
    expect(r500.count, r500.sql.join("\n")).toBe(r50.count);
    expect(r50.count).toBeLessThanOrEqual(5);
    const csv = await prof.get(`/api/v1/courses/${c.id}/progress.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(String(csv.body).split("\r\n").length).toBe(502);
    expect((await (await as("lea")).get(`/api/v1/courses/${c.id}/progress`)).status).toBe(403);
  });
});

describe("programmes", () => {
  it("admins build a programme; enrolling goes course by course; progress across courses", async () => {
    const courses = [];
    for (let n = 0; n < 3; n++) {
      const c = await course({ title: `Étape ${n + 1}`, selfEnrol: "closed" });
      const s = await makeSection(t.k, p.tenantId, c.id);
      const item = await makeItem(t.k, p.tenantId, c.id, s.id, 0);
      courses.push({ id: c.id, item: item.id });
    }
    const admin = await as(p.adminLogin);
    const prof = await as("prof");
    expect((await prof.post("/api/v1/programmes", { orgId: school.id, title: "Parcours" })).status).toBe(403);
    expect((await admin.post("/api/v1/programmes", { orgId: school.id, title: "X", completion: "count" })).status).toBe(422);
    const created = await admin.post("/api/v1/programmes", {
      orgId: school.id,
      title: "Parcours",
      completion: "count",
      requiredCount: 2,
      ordered: true,
      enrolInto: "first",
    });
    expect(created.status).toBe(200);
    const id = created.body.id;
    const set = await admin.put(`/api/v1/programmes/${id}/courses`, { courseIds: courses.map((c) => c.id) });
    expect(set.body.courses.map((c: { title: string }) => c.title)).toEqual(["Étape 1", "Étape 2", "Étape 3"]);
    expect((await admin.post(`/api/v1/programmes/${id}/members`, { userIds: [users.max] })).body.members).toBe(1);

    const max = await as("max");
    let mine = (await max.get("/api/v1/me/programmes")).body.items.find((x: { id: string }) => x.id === id);
    expect(mine.courses.map((c: { enrolled: boolean }) => c.enrolled)).toEqual([true, false, false]);
    expect(mine.courses[1].locked).toBe(true);
    expect(mine.percent).toBe(0);
    await max.post(`/api/v1/courses/${courses[0].id}/items/${courses[0].item}/done`);
    mine = (await max.get(`/api/v1/programmes/${id}`)).body;
    expect(mine.courses.map((c: { enrolled: boolean }) => c.enrolled)).toEqual([true, true, false]);
    expect(mine.percent).toBe(50);
    await max.post(`/api/v1/courses/${courses[1].id}/items/${courses[1].item}/done`);
    mine = (await max.get(`/api/v1/programmes/${id}`)).body;
    expect(mine).toMatchObject({ percent: 100, completed: true });
    // not a member, not an admin: 404
    expect((await (await as("lea")).get(`/api/v1/programmes/${id}`)).status).toBe(404);
    expect((await admin.get("/api/v1/programmes")).body.items.map((x: { id: string }) => x.id)).toContain(id);
  });
});

describe("programme self-enrolment", () => {
  it("people of the programme's branch see open programmes and join them, which enrols them per the programme's rule", async () => {
    const a = await course({ title: "Module A", selfEnrol: "closed" });
    const b = await course({ title: "Module B", selfEnrol: "closed" });
    const admin = await as(p.adminLogin);
    const mk = async (body: object) => {
      const r = await admin.post("/api/v1/programmes", { orgId: school.id, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      await admin.put(`/api/v1/programmes/${r.body.id}/courses`, { courseIds: [a.id, b.id] });
      return r.body as { id: string; selfEnrol: boolean };
    };
    const open = await mk({ title: "Parcours ouvert", selfEnrol: true, enrolInto: "all" });
    expect(open.selfEnrol).toBe(true);
    const closed = await mk({ title: "Parcours fermé" });
    expect(closed.selfEnrol).toBe(false);

    // ana (in the school) sees the open one only; eve (another school) sees none
    const elsewhere = await makeOrg(t.k, p.tenantId, rootOf(p), "Autre école", "school");
    await makeUser(t.k, p.tenantId, elsewhere.id, "eve", "learner");
    const ana = await as("ana");
    const list = (await ana.get("/api/v1/programmes/open")).body.items;
    expect(list.map((x: { title: string }) => x.title)).toEqual(["Parcours ouvert"]);
    expect(list[0]).toMatchObject({ canJoin: true, isMember: false });
    expect((await ana.get(`/api/v1/programmes/${open.id}`)).status).toBe(200);
    expect((await ana.get(`/api/v1/programmes/${closed.id}`)).status).toBe(404);
    const eve = await as("eve");
    expect((await eve.get("/api/v1/programmes/open")).body.items).toEqual([]);
    expect((await eve.post(`/api/v1/programmes/${open.id}/join`)).status).toBe(404);
    expect((await ana.post(`/api/v1/programmes/${closed.id}/join`)).status).toBe(404);

    // joining enrols in every course ("all"), idempotently, and records the event
    const joined = await ana.post(`/api/v1/programmes/${open.id}/join`);
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ isMember: true, canJoin: false, members: 1 });
    expect(joined.body.courses.map((c: { enrolled: boolean }) => c.enrolled)).toEqual([true, true]);
    expect((await ana.post(`/api/v1/programmes/${open.id}/join`)).body.members).toBe(1);
    const rows = await t.k.db
      .selectFrom("course_members")
      .select(["course_id", "source"])
      .where("tenant_id", "=", p.tenantId)
      .where("user_id", "=", users.ana)
      .where("course_id", "in", [a.id, b.id])
      .execute();
    expect(rows.map((r) => r.source)).toEqual(["programme", "programme"]);
    expect((await ana.get("/api/v1/programmes/open")).body.items).toEqual([]);
    expect((await ana.get("/api/v1/me/programmes")).body.items.map((x: { id: string }) => x.id)).toContain(open.id);

    // "first": only the first course, the next one follows its completion
    const step = await mk({ title: "Parcours pas à pas", selfEnrol: true, enrolInto: "first", ordered: true });
    const tom = await as("tom");
    const r = await tom.post(`/api/v1/programmes/${step.id}/join`);
    expect(r.body.courses.map((c: { enrolled: boolean }) => c.enrolled)).toEqual([true, false]);
  });
});

describe("enrolment dates", () => {
  it("a learner before or after their enrolment dates has no learner access (course page, marking done, progress)", async () => {
    const c = await course();
    const s = await makeSection(t.k, p.tenantId, c.id);
    const item = await makeItem(t.k, p.tenantId, c.id, s.id, 0, { title: "Exercice", completion: "done" });
    const day = 86400_000;
    const rows = [
      ["ana", new Date(Date.now() - 30 * day), new Date(Date.now() - day)], // ended yesterday
      ["tom", new Date(Date.now() + day), null], // starts tomorrow
      ["max", new Date(Date.now() - day), new Date(Date.now() + day)], // in the window
    ] as const;
    for (const [login, startsAt, endsAt] of rows)
      await t.k.db
        .insertInto("course_members")
        .values({ tenant_id: p.tenantId, id: newId(), course_id: c.id, user_id: users[login], role: "learner", source: "teacher", starts_at: startsAt, ends_at: endsAt })
        .execute();
    for (const login of ["ana", "tom"]) {
      const out = await as(login);
      // the course is in their branch: they still see it, as anyone there would, but not as a learner
      const page = await out.get(`/api/v1/courses/${c.id}`);
      expect(page.status, login).toBe(200);
      expect(page.body.roles, login).toEqual([]);
      expect(page.body.capabilities.learner, login).toBe(false);
      expect((await out.post(`/api/v1/courses/${c.id}/items/${item.id}/done`)).status, login).toBe(403);
    }
    const max = await as("max");
    const page = (await max.get(`/api/v1/courses/${c.id}`)).body;
    expect(page.roles).toEqual(["learner"]);
    expect(page.capabilities.learner).toBe(true);
    expect((await max.post(`/api/v1/courses/${c.id}/items/${item.id}/done`)).status).toBe(200);
  });
});

describe("another platform", () => {
  it("answers 404 for courses and programmes of another platform", async () => {
    const c = await course();
    const other = await makePlatform(t.k, "enrol-far");
    await makeUser(t.k, other.tenantId, other.rootOrgId, "far", "learner");
    const far = new Client(t.app, { host: other.host });
    await far.signIn("far", PASSWORD);
    expect((await far.get(`/api/v1/courses/${c.id}/enrolment`)).status).toBe(404);
    expect((await far.post(`/api/v1/courses/${c.id}/enrolment`, {})).status).toBe(404);
    expect((await far.get(`/api/v1/courses/${c.id}/progress`)).status).toBe(404);
    const otherAdmin = new Client(t.app, { host: other.host });
    await otherAdmin.signIn(other.adminLogin, PASSWORD);
    expect((await otherAdmin.get(`/api/v1/courses/${c.id}/members`)).status).toBe(404);
    const prog = await (await as(p.adminLogin)).post("/api/v1/programmes", { orgId: school.id, title: "Local" });
    expect((await otherAdmin.get(`/api/v1/programmes/${prog.body.id}`)).status).toBe(404);
    expect((await otherAdmin.post(`/api/v1/programmes/${prog.body.id}/members`, { userIds: [users.lea] })).status).toBe(404);
  });
});
