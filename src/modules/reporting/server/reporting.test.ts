import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser } from "../../../../test/factories.ts";
import { type Client, countSteady, pdfText, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { t as tr } from "../../../kernel/i18n.ts";
import { newId } from "../../../kernel/ids.ts";
import { addGrade, addSession, download, seat } from "./test-fixtures.ts";

/**
 * Known records (events, sessions and attendance, progress, grades, funders) for two learners of
 * a course, and every figure of the report, the CSV and the PDF attestation checked against them.
 * The period is 2 to 6 March 2026 in the platform's time zone (Europe/Paris, UTC+1).
 */
let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let other: Awaited<ReturnType<typeof makePlatform>>;
let manager: Client;
let teacher: Client;
let learner: Client;
let admin: Client;
let otherAdmin: Client;
let courseId: string;
let l1: string;
let l2: string;
const PERIOD = "from=2026-03-02&to=2026-03-06";

async function seed() {
  const tid = p.tenantId;
  const db = t.k.db;
  const m = await makeUser(t.k, tid, p.rootOrgId, "responsable", "teacher");
  const tt = await makeUser(t.k, tid, p.rootOrgId, "formateur", "teacher");
  l1 = (await makeUser(t.k, tid, p.rootOrgId, "alice")).id;
  l2 = (await makeUser(t.k, tid, p.rootOrgId, "bruno")).id;
  courseId = newId();
  await db.insertInto("courses").values({ tenant_id: tid, id: courseId, org_id: p.rootOrgId, title: "Soudure TIG", status: "published" }).execute();
  await db
    .insertInto("course_members")
    .values([
      { tenant_id: tid, id: newId(), course_id: courseId, user_id: m.id, role: "manager" },
      { tenant_id: tid, id: newId(), course_id: courseId, user_id: tt.id, role: "teacher" },
      { tenant_id: tid, id: newId(), course_id: courseId, user_id: l1, role: "learner", completed_at: new Date("2026-03-05T16:00:00Z") },
      { tenant_id: tid, id: newId(), course_id: courseId, user_id: l2, role: "learner" },
    ])
    .execute();
  // time online, alice: 600 s (2 March 00:30-00:40 in Paris) + 300+420+30 s + 1799 s = 3149 s in 3 visits, 8 events
  const ev = (actor: string, at: string, extra: { verb?: string; objectType?: string; objectId?: string; context?: object } = {}) => ({
    tenant_id: tid,
    id: newId(),
    actor_id: actor,
    verb: extra.verb ?? "viewed",
    object_type: extra.objectType ?? "course_item",
    object_id: extra.objectId ?? null,
    context: JSON.stringify(extra.context ?? { courseId }),
    at: new Date(at),
  });
  const page = (path: string) => ({ objectType: "page", objectId: path, context: {} });
  await db
    .insertInto("events")
    .values([
      ev(l1, "2026-03-01T22:50:00Z"), // 1 March in Paris: outside
      ev(l1, "2026-03-01T22:55:00Z"),
      ev(l1, "2026-03-01T23:30:00Z", page(`/courses/${courseId}`)),
      ev(l1, "2026-03-01T23:40:00Z"),
      ev(l1, "2026-03-03T09:00:00Z", page(`/courses/${courseId}/items/${newId()}`)),
      ev(l1, "2026-03-03T09:05:00Z"),
      ev(l1, "2026-03-03T09:06:00Z", { context: { courseId: newId() } }), // another course
      ev(l1, "2026-03-03T09:07:00Z", page(`/courses/${courseId}x`)), // not this course's page
      ev(l1, "2026-03-03T09:08:00Z", page("/courses")),
      ev(l1, "2026-03-03T09:12:00Z", { verb: "completed", objectType: "item" }),
      ev(l1, "2026-03-03T09:12:30Z"),
      ev(l1, "2026-03-03T11:00:00Z"),
      ev(l1, "2026-03-03T11:29:59Z"),
      ev(l1, "2026-03-06T23:10:00Z"), // 7 March in Paris: outside
      ev(l2, "2026-03-09T10:00:00Z"), // outside
    ])
    .execute();
  // sessions: 3 h present, 2.5 h absent, 1 h excused (recorded without a seat) in the period; one after it
  const session = (starts: string, ends: string) => addSession(t.k, tid, courseId, starts, ends);
  const s1 = await session("2026-03-04T08:00:00Z", "2026-03-04T11:00:00Z");
  const s2 = await session("2026-03-05T13:00:00Z", "2026-03-05T15:30:00Z");
  const s3 = await session("2026-03-05T16:00:00Z", "2026-03-05T17:00:00Z");
  const s4 = await session("2026-03-10T08:00:00Z", "2026-03-10T12:00:00Z");
  const learnerSeat = (sessionId: string, userId: string) => seat(tid, sessionId, courseId, userId);
  await db
    .insertInto("session_registrations")
    .values([learnerSeat(s1, l1), learnerSeat(s2, l1), learnerSeat(s4, l1), learnerSeat(s1, l2)])
    .execute();
  const mark = (sessionId: string, userId: string, status: "present" | "absent" | "excused") => ({
    tenant_id: tid,
    session_id: sessionId,
    user_id: userId,
    status,
  });
  await db
    .insertInto("session_attendance")
    .values([mark(s1, l1, "present"), mark(s2, l1, "absent"), mark(s3, l1, "excused"), mark(s4, l1, "present")])
    .execute();
  // completion: two items with a rule, one without
  const section = newId();
  await db.insertInto("course_sections").values({ tenant_id: tid, id: section, course_id: courseId, position: 0, title: "S" }).execute();
  const item = async (completion: "viewed" | "done" | "none", position: number) => {
    const id = newId();
    await db
      .insertInto("course_items")
      .values({ tenant_id: tid, id, course_id: courseId, section_id: section, position, kind: "page", title: `P${position}`, completion })
      .execute();
    return id;
  };
  const [i1, i2, i3] = [await item("viewed", 0), await item("done", 1), await item("none", 2)];
  const prog = (itemId: string, userId: string, viewed: boolean, done: boolean) => ({
    tenant_id: tid,
    item_id: itemId,
    user_id: userId,
    course_id: courseId,
    viewed_at: viewed ? new Date() : null,
    done_at: done ? new Date() : null,
  });
  await db
    .insertInto("item_progress")
    .values([prog(i1, l1, true, false), prog(i2, l1, true, true), prog(i3, l1, true, false), prog(i1, l2, false, true), prog(i2, l2, true, false)])
    .execute();
  // results: alice 15/20 released, 2/10 not released → 75 % on released grades
  await addGrade(t.k, tid, courseId, l1, { title: "Pratique", score: 15, max: 20, released: true, position: 0 });
  await addGrade(t.k, tid, courseId, l1, { title: "Théorie", score: 2, max: 10, released: false, position: 1 });
}

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "forma");
  other = await makePlatform(t.k, "ailleurs");
  await seed();
  manager = await signedIn(t.app, { host: p.host }, "responsable");
  teacher = await signedIn(t.app, { host: p.host }, "formateur");
  learner = await signedIn(t.app, { host: p.host }, "alice");
  admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
  otherAdmin = await signedIn(t.app, { host: other.host }, other.adminLogin);
});
afterAll(() => t.close());

const report = (c: Client, q = PERIOD) => c.get(`/api/v1/courses/${courseId}/funder-report?${q}`);

describe("who may see it", () => {
  it("course managers and platform admins; not teachers, learners or other platforms", async () => {
    expect((await report(manager)).status).toBe(200);
    expect((await report(admin)).status).toBe(200);
    expect((await report(teacher)).status).toBe(403);
    expect((await report(learner)).status).toBe(403);
    expect((await report(otherAdmin)).status).toBe(404);
    expect((await download(teacher, `/api/v1/courses/${courseId}/funder-report.csv`)).statusCode).toBe(403);
    expect((await download(teacher, `/api/v1/courses/${courseId}/funder-report/${l1}/attestation.pdf`)).statusCode).toBe(403);
    expect((await teacher.put(`/api/v1/courses/${courseId}/funding/${l1}`, { funder: "X" })).status).toBe(403);
  });

  it("refuses a bad period with a field error", async () => {
    const r = await report(manager, "from=2026-13-45");
    expect(r.status).toBe(422);
    expect(r.body.error.fields["query.from"]).toBeTruthy();
    expect((await download(manager, `/api/v1/courses/${courseId}/funder-report.csv?to=demain`)).statusCode).toBe(422);
  });
});

describe("the figures", () => {
  it("records funders per learner and filters on them", async () => {
    expect((await manager.put(`/api/v1/courses/${courseId}/funding/${l1}`, { funder: "OPCO Atlas" })).body).toEqual({ funder: "OPCO Atlas" });
    expect((await manager.put(`/api/v1/courses/${courseId}/funding/${l2}`, { funder: "Région Bretagne" })).status).toBe(200);
    expect((await manager.put(`/api/v1/courses/${courseId}/funding/${newId()}`, { funder: "X" })).status).toBe(404);
    const all = await report(manager);
    expect(all.body.funders).toEqual(["OPCO Atlas", "Région Bretagne"]);
    expect(all.body.rows.map((r: { username: string }) => r.username)).toEqual(["alice", "bruno"]);
    const one = await report(manager, `${PERIOD}&funder=${encodeURIComponent("OPCO Atlas")}`);
    expect(one.body.rows.map((r: { username: string }) => r.username)).toEqual(["alice"]);
  });

  it("computes time online, attendance, completion and results from the records", async () => {
    const r = await report(manager);
    expect(r.body).toMatchObject({ period: { from: "2026-03-02", to: "2026-03-06" }, gapMinutes: 30 });
    const [alice, bruno] = r.body.rows;
    expect(alice).toEqual({
      userId: l1,
      givenName: "alice",
      familyName: "Test",
      username: "alice",
      funder: "OPCO Atlas",
      online: { seconds: 3149, events: 8, visits: 3 },
      attendance: { sessions: 3, present: 1, absent: 1, excused: 1, presentMinutes: 180 },
      completion: { done: 2, total: 2, completedAt: "2026-03-05T16:00:00.000Z" },
      result: { percent: 75, text: expect.stringContaining("75") },
    });
    expect(bruno).toMatchObject({
      online: { seconds: 0, events: 0, visits: 0 },
      attendance: { sessions: 1, present: 0, absent: 0, excused: 0, presentMinutes: 0 },
      completion: { done: 1, total: 2, completedAt: null },
      result: { percent: null, text: "" },
    });
    // without a period: alice's events of 1 and 7 March count too (two more visits: 5 min, 0 min)
    const whole = await report(manager, "");
    expect(whole.body.rows[0].online).toEqual({ seconds: 3149 + 300, events: 11, visits: 5 });
    expect(whole.body.rows[0].attendance).toMatchObject({ sessions: 4, present: 2, presentMinutes: 420 });
  });

  it("reads the report in the same number of queries for 2 learners or 7", async () => {
    const few = await countSteady(() => report(manager));
    for (let i = 0; i < 5; i++) {
      const u = await makeUser(t.k, p.tenantId, p.rootOrgId, `extra${i}`);
      await t.k.db.insertInto("course_members").values({ tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: u.id, role: "learner" }).execute();
    }
    const many = await countSteady(() => report(manager));
    expect(many.result.body.rows).toHaveLength(7);
    expect(many.count).toBe(few.count);
    expect(few.count).toBeLessThanOrEqual(8);
  });
});

describe("exports", () => {
  it("the CSV carries every figure of the report", async () => {
    const res = await download(manager, `/api/v1/courses/${courseId}/funder-report.csv?${PERIOD}&funder=${encodeURIComponent("OPCO Atlas")}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      "Nom;Prénom;Identifiant;Financeur;Début de période;Fin de période;Temps en ligne (minutes, écarts de plus de 30 min exclus);Temps en ligne (h:min);Connexions;Séances;Présent;Absent;Excusé;Durée de présence (h:min);Éléments achevés;Éléments à achever;Achevée le;Résultat (%);Résultat",
    );
    const row = lines[1].split(";");
    expect(row).toEqual([
      "Test",
      "alice",
      "alice",
      "OPCO Atlas",
      "2026-03-02",
      "2026-03-06",
      "52",
      "0:52",
      "3",
      "3",
      "1",
      "1",
      "1",
      "3:00",
      "2",
      "2",
      "2026-03-05",
      "75",
      row[18],
    ]);
    expect(row[18]).toContain("75");
  });

  it("the PDF attestation states the same figures", async () => {
    const res = await download(manager, `/api/v1/courses/${courseId}/funder-report/${l1}/attestation.pdf?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf).replace(/\s+/g, " ");
    const m = (id: string, v?: Record<string, unknown>) => tr("fr", `mail.reporting.attestation.${id}`, v).replace(/\s+/g, " ");
    const line = (label: string, value: string) => m("line", { label: m(label), value });
    for (const expected of [
      "Plateforme forma",
      m("title"),
      line("learner", "alice Test (alice)"),
      line("training", "Soudure TIG"),
      line("funder", "OPCO Atlas"),
      line("period", m("between", { from: "2 mars 2026", to: "6 mars 2026" })),
      line("time", "0:52"),
      line("visits", "3"),
      line("sessions", m("sessions_value", { present: 1, sessions: 3, absent: 1, excused: 1 })),
      line("present_time", "3:00"),
      line("items", m("items_value", { done: 2, total: 2 })),
      line("completed", "5 mars 2026"),
    ])
      expect(text).toContain(expected);
    const report1 = await report(manager);
    expect(text).toContain(line("result", report1.body.rows[0].result.text));
    expect((await download(manager, `/api/v1/courses/${courseId}/funder-report/${newId()}/attestation.pdf`)).statusCode).toBe(404);
  });
});
