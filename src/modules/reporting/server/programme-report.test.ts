import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { type Client, countSteady, pdfText, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { t as tr } from "../../../kernel/i18n.ts";
import { newId } from "../../../kernel/ids.ts";
import { addGrade, addSession, download, seat } from "./test-fixtures.ts";

/**
 * A programme of two courses on a department node, with known records for its two learners
 * (events, sessions and attendance, progress, course completion, grades, funders): the programme
 * report, its CSV and a learner's PDF attestation checked against them, the period and funder
 * filters, who may see it, and the funders overview. Period: 2 to 6 March 2026 (Europe/Paris).
 */
let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let other: Awaited<ReturnType<typeof makePlatform>>;
let admin: Client;
let nodeAdmin: Client;
let siblingAdmin: Client;
let courseManager: Client;
let learner: Client;
let otherAdmin: Client;
let programmeId: string;
let courseA: string;
let courseB: string;
let deptId: string;
let l1: string;
let l2: string;
const PERIOD = "from=2026-03-02&to=2026-03-06";
const A_DONE = "2026-03-04T15:00:00.000Z";
const B_DONE = "2026-03-05T17:00:00.000Z";

async function seed() {
  const tid = p.tenantId;
  const db = t.k.db;
  const dept = await makeOrg(t.k, tid, rootOf(p), "Atelier soudure");
  const sibling = await makeOrg(t.k, tid, rootOf(p), "Atelier bois");
  deptId = dept.id;
  await makeUser(t.k, tid, dept.id, "chef", "admin");
  await makeUser(t.k, tid, sibling.id, "voisin", "admin");
  const cm = await makeUser(t.k, tid, dept.id, "responsable", "teacher");
  l1 = (await makeUser(t.k, tid, dept.id, "alice")).id;
  l2 = (await makeUser(t.k, tid, dept.id, "bruno")).id;
  courseA = newId();
  courseB = newId();
  const outside = newId();
  await db
    .insertInto("courses")
    .values([
      { tenant_id: tid, id: courseA, org_id: dept.id, title: "Soudure TIG", status: "published" },
      { tenant_id: tid, id: courseB, org_id: dept.id, title: "Sécurité atelier", status: "published" },
      { tenant_id: tid, id: outside, org_id: dept.id, title: "Hors parcours", status: "published" },
    ])
    .execute();
  const member = (courseId: string, userId: string, role: "learner" | "manager", completed?: string) => ({
    tenant_id: tid,
    id: newId(),
    course_id: courseId,
    user_id: userId,
    role,
    completed_at: completed ? new Date(completed) : null,
  });
  await db
    .insertInto("course_members")
    .values([
      member(courseA, cm.id, "manager"),
      member(courseA, l1, "learner", A_DONE),
      member(courseB, l1, "learner", B_DONE),
      member(outside, l1, "learner"),
      member(courseA, l2, "learner"),
    ])
    .execute();
  programmeId = newId();
  await db.insertInto("programmes").values({ tenant_id: tid, id: programmeId, org_id: dept.id, title: "Parcours métallerie", completion: "all" }).execute();
  await db
    .insertInto("programme_courses")
    .values([
      { tenant_id: tid, programme_id: programmeId, course_id: courseA, position: 0 },
      { tenant_id: tid, programme_id: programmeId, course_id: courseB, position: 1 },
    ])
    .execute();
  await db
    .insertInto("programme_members")
    .values([
      { tenant_id: tid, programme_id: programmeId, user_id: l1 },
      { tenant_id: tid, programme_id: programmeId, user_id: l2 },
    ])
    .execute();
  // time online, alice: A 09:00, 09:10 (600 s), 10:05 (55 min later: a new visit) → 600 s, 3 events, 2 visits;
  // B 10:00, 10:20 → 1200 s, 1 visit; an event of a course outside the programme, one after the period
  const ev = (at: string, courseId: string, page = false) => ({
    tenant_id: tid,
    id: newId(),
    actor_id: l1,
    verb: "viewed",
    object_type: page ? "page" : "course_item",
    object_id: page ? `/courses/${courseId}/items/${newId()}` : null,
    context: JSON.stringify(page ? {} : { courseId }),
    at: new Date(at),
  });
  await db
    .insertInto("events")
    .values([
      ev("2026-03-03T09:00:00Z", courseA, true),
      ev("2026-03-03T09:10:00Z", courseA),
      ev("2026-03-03T10:05:00Z", courseA),
      ev("2026-03-03T10:00:00Z", courseB),
      ev("2026-03-03T10:20:00Z", courseB, true),
      ev("2026-03-03T09:05:00Z", outside),
      ev("2026-03-09T09:00:00Z", courseA),
    ])
    .execute();
  const sA = await addSession(t.k, tid, courseA, "2026-03-04T08:00:00Z", "2026-03-04T11:00:00Z");
  const sB = await addSession(t.k, tid, courseB, "2026-03-05T13:00:00Z", "2026-03-05T14:30:00Z");
  const sLate = await addSession(t.k, tid, courseB, "2026-03-10T08:00:00Z", "2026-03-10T10:00:00Z");
  await db
    .insertInto("session_registrations")
    .values([seat(tid, sA, courseA, l1), seat(tid, sA, courseA, l2), seat(tid, sB, courseB, l1)])
    .execute();
  await db
    .insertInto("session_attendance")
    .values([
      { tenant_id: tid, session_id: sA, user_id: l1, status: "present" },
      { tenant_id: tid, session_id: sB, user_id: l1, status: "absent" },
      { tenant_id: tid, session_id: sLate, user_id: l1, status: "present" },
    ])
    .execute();
  // completion: A one 'done' item (alice done); B two 'viewed' items (alice viewed one)
  const items = async (courseId: string, rules: ("viewed" | "done")[]) => {
    const section = newId();
    await db.insertInto("course_sections").values({ tenant_id: tid, id: section, course_id: courseId, position: 0, title: "S" }).execute();
    const ids = rules.map(() => newId());
    await db
      .insertInto("course_items")
      .values(
        rules.map((completion, i) => ({
          tenant_id: tid,
          id: ids[i],
          course_id: courseId,
          section_id: section,
          position: i,
          kind: "page",
          title: `P${i}`,
          completion,
        })),
      )
      .execute();
    return ids;
  };
  const [a1] = await items(courseA, ["done"]);
  const [b1] = await items(courseB, ["viewed", "viewed"]);
  await db
    .insertInto("item_progress")
    .values([
      { tenant_id: tid, item_id: a1, user_id: l1, course_id: courseA, viewed_at: new Date(), done_at: new Date() },
      { tenant_id: tid, item_id: b1, user_id: l1, course_id: courseB, viewed_at: new Date(), done_at: null },
    ])
    .execute();
  // results: A 16/20 released (80 %), B 6/10 released (60 %) and 0/10 not released → mean 70 %
  await addGrade(t.k, tid, courseA, l1, { title: "Pratique", score: 16, max: 20, released: true, position: 0 });
  await addGrade(t.k, tid, courseB, l1, { title: "Consignes", score: 6, max: 10, released: true, position: 0 });
  await addGrade(t.k, tid, courseB, l1, { title: "Examen", score: 0, max: 10, released: false, position: 1 });
  // a course funder for alice in A: the programme report does not use it
  await db.insertInto("funding").values({ tenant_id: tid, course_id: courseA, user_id: l1, funder: "Employeur" }).execute();
}

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "forma");
  other = await makePlatform(t.k, "ailleurs");
  await seed();
  admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
  nodeAdmin = await signedIn(t.app, { host: p.host }, "chef");
  siblingAdmin = await signedIn(t.app, { host: p.host }, "voisin");
  courseManager = await signedIn(t.app, { host: p.host }, "responsable");
  learner = await signedIn(t.app, { host: p.host }, "alice");
  otherAdmin = await signedIn(t.app, { host: other.host }, other.adminLogin);
});
afterAll(() => t.close());

const base = () => `/api/v1/programmes/${programmeId}/funder-report`;
const report = (c: Client, q = PERIOD) => c.get(`${base()}?${q}`);

describe("who may see a programme's report", () => {
  it("platform admins and admins of its node; not its learners, admins of another node, course managers or other platforms", async () => {
    expect((await report(admin)).status).toBe(200);
    expect((await report(nodeAdmin)).status).toBe(200);
    expect((await report(learner)).status).toBe(403);
    expect((await report(siblingAdmin)).status).toBe(404);
    expect((await report(courseManager)).status).toBe(404);
    expect((await report(otherAdmin)).status).toBe(404);
    expect((await download(learner, `${base()}.csv`)).statusCode).toBe(403);
    expect((await download(siblingAdmin, `${base()}.csv`)).statusCode).toBe(404);
    expect((await download(learner, `${base()}/${l1}/attestation.pdf`)).statusCode).toBe(403);
    expect((await download(otherAdmin, `${base()}/${l1}/attestation.pdf`)).statusCode).toBe(404);
    expect((await learner.put(`/api/v1/programmes/${programmeId}/funding/${l1}`, { funder: "X" })).status).toBe(403);
    expect((await otherAdmin.put(`/api/v1/programmes/${programmeId}/funding/${l1}`, { funder: "X" })).status).toBe(404);
    expect((await admin.get(`/api/v1/programmes/${newId()}/funder-report`)).status).toBe(404);
  });

  it("refuses a bad period with a field error", async () => {
    const r = await report(admin, "to=2026-02-30x");
    expect(r.status).toBe(422);
    expect(r.body.error.fields["query.to"]).toBeTruthy();
    expect((await download(admin, `${base()}.csv?from=hier`)).statusCode).toBe(422);
    expect((await download(admin, `${base()}/${l1}/attestation.pdf?from=hier`)).statusCode).toBe(422);
  });
});

describe("the figures", () => {
  it("records the programme's funder per learner and filters on it (not on its courses' funders)", async () => {
    expect((await nodeAdmin.put(`/api/v1/programmes/${programmeId}/funding/${l1}`, { funder: "OPCO Atlas" })).body).toEqual({ funder: "OPCO Atlas" });
    expect((await nodeAdmin.put(`/api/v1/programmes/${programmeId}/funding/${l2}`, { funder: "Région Bretagne" })).status).toBe(200);
    // only the programme's learners
    const stranger = await makeUser(t.k, p.tenantId, deptId, "nobody");
    expect((await nodeAdmin.put(`/api/v1/programmes/${programmeId}/funding/${stranger.id}`, { funder: "X" })).status).toBe(404);
    const all = await report(admin);
    expect(all.body.funders).toEqual(["OPCO Atlas", "Région Bretagne"]);
    expect(all.body.rows.map((r: { username: string }) => r.username)).toEqual(["alice", "bruno"]);
    const one = await report(admin, `${PERIOD}&funder=${encodeURIComponent("OPCO Atlas")}`);
    expect(one.body.rows.map((r: { username: string }) => r.username)).toEqual(["alice"]);
    expect((await report(admin, `${PERIOD}&funder=Employeur`)).body.rows).toEqual([]);
    // cleared, then set again
    expect((await nodeAdmin.put(`/api/v1/programmes/${programmeId}/funding/${l2}`, { funder: "" })).body).toEqual({ funder: null });
    expect((await report(admin)).body.funders).toEqual(["OPCO Atlas"]);
    await nodeAdmin.put(`/api/v1/programmes/${programmeId}/funding/${l2}`, { funder: "Région Bretagne" });
  });

  it("totals each learner's figures across the programme's courses, with the per-course breakdown", async () => {
    const r = await report(admin);
    expect(r.body).toMatchObject({
      programme: { id: programmeId, title: "Parcours métallerie", completion: "all", required: 2 },
      courses: [
        { id: courseA, title: "Soudure TIG" },
        { id: courseB, title: "Sécurité atelier" },
      ],
      period: { from: "2026-03-02", to: "2026-03-06" },
      gapMinutes: 30,
    });
    const [alice, bruno] = r.body.rows;
    expect(alice).toEqual({
      userId: l1,
      givenName: "alice",
      familyName: "Test",
      username: "alice",
      funder: "OPCO Atlas",
      online: { seconds: 1800, events: 5, visits: 3 },
      attendance: { sessions: 2, present: 1, absent: 1, excused: 0, presentMinutes: 180 },
      programme: { coursesCompleted: 2, required: 2, courses: 2, completedAt: B_DONE },
      result: { percent: 70, courses: 2 },
      courses: [
        {
          courseId: courseA,
          title: "Soudure TIG",
          enrolled: true,
          online: { seconds: 600, events: 3, visits: 2 },
          attendance: { sessions: 1, present: 1, absent: 0, excused: 0, presentMinutes: 180 },
          completion: { done: 1, total: 1, completedAt: A_DONE },
          result: { percent: 80, text: expect.stringContaining("80") },
        },
        {
          courseId: courseB,
          title: "Sécurité atelier",
          enrolled: true,
          online: { seconds: 1200, events: 2, visits: 1 },
          attendance: { sessions: 1, present: 0, absent: 1, excused: 0, presentMinutes: 0 },
          completion: { done: 1, total: 2, completedAt: B_DONE },
          result: { percent: 60, text: expect.stringContaining("60") },
        },
      ],
    });
    expect(bruno).toMatchObject({
      online: { seconds: 0, events: 0, visits: 0 },
      attendance: { sessions: 1, present: 0, absent: 0, excused: 0, presentMinutes: 0 },
      programme: { coursesCompleted: 0, required: 2, courses: 2, completedAt: null },
      result: { percent: null, courses: 0 },
    });
    expect(bruno.courses.map((c: { enrolled: boolean }) => c.enrolled)).toEqual([true, false]);
  });

  it("the period bounds events and sessions; a 'count' rule completes the programme at the required course", async () => {
    const whole = await report(admin, "");
    // the event of 9 March opens a visit of its own in A; the session of 10 March in B is attended
    expect(whole.body.rows[0].online).toEqual({ seconds: 1800, events: 6, visits: 4 });
    expect(whole.body.rows[0].attendance).toMatchObject({ sessions: 3, present: 2, presentMinutes: 300 });
    const early = await report(admin, "to=2026-03-02");
    expect(early.body.rows[0].online).toEqual({ seconds: 0, events: 0, visits: 0 });
    await t.k.db
      .updateTable("programmes")
      .set({ completion: "count", required_count: 1 })
      .where("tenant_id", "=", p.tenantId)
      .where("id", "=", programmeId)
      .execute();
    try {
      const one = await report(admin);
      expect(one.body.programme).toMatchObject({ completion: "count", required: 1 });
      expect(one.body.rows[0].programme).toEqual({ coursesCompleted: 2, required: 1, courses: 2, completedAt: A_DONE });
    } finally {
      await t.k.db
        .updateTable("programmes")
        .set({ completion: "all", required_count: null })
        .where("tenant_id", "=", p.tenantId)
        .where("id", "=", programmeId)
        .execute();
    }
  });
});

describe("exports", () => {
  it("the CSV has a row per learner and course, then the learner's programme total", async () => {
    const res = await download(admin, `${base()}.csv?${PERIOD}&funder=${encodeURIComponent("OPCO Atlas")}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n")
      .map((l) => l.split(";"));
    expect(lines[0].join(";")).toBe(
      "Nom;Prénom;Identifiant;Financeur;Début de période;Fin de période;Parcours;Cours;Inscrit au cours;Temps en ligne (minutes, écarts de plus de 30 min exclus);Temps en ligne (h:min);Connexions;Séances;Présent;Absent;Excusé;Durée de présence (h:min);Éléments achevés;Éléments à achever;Achevée le;Cours achevés;Cours requis;Résultat (%);Résultat",
    );
    expect(lines).toHaveLength(4);
    const who = ["Test", "alice", "alice", "OPCO Atlas", "2026-03-02", "2026-03-06", "Parcours métallerie"];
    expect(lines[1]).toEqual([
      ...who,
      "Soudure TIG",
      "oui",
      "10",
      "0:10",
      "2",
      "1",
      "1",
      "0",
      "0",
      "3:00",
      "1",
      "1",
      "2026-03-04",
      "1",
      "",
      "80",
      lines[1][23],
    ]);
    expect(lines[1][23]).toContain("80");
    expect(lines[2]).toEqual([
      ...who,
      "Sécurité atelier",
      "oui",
      "20",
      "0:20",
      "1",
      "1",
      "0",
      "1",
      "0",
      "0:00",
      "1",
      "2",
      "2026-03-05",
      "1",
      "",
      "60",
      lines[2][23],
    ]);
    expect(lines[3]).toEqual([...who, "Total du parcours", "", "30", "0:30", "3", "2", "1", "1", "0", "3:00", "2", "3", "2026-03-05", "2", "2", "70", ""]);
  });

  it("the PDF attestation states the programme's totals and each course", async () => {
    const res = await download(nodeAdmin, `${base()}/${l1}/attestation.pdf?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const text = pdfText(res.rawPayload).replace(/\s+/g, " ");
    const m = (id: string, v?: Record<string, unknown>) => tr("fr", `mail.reporting.attestation.${id}`, v).replace(/\s+/g, " ");
    const line = (label: string, value: string) => m("line", { label: m(label), value });
    const r = (await report(admin)).body.rows[0];
    for (const expected of [
      m("title"),
      line("learner", "alice Test (alice)"),
      line("programme", "Parcours métallerie"),
      line("funder", "OPCO Atlas"),
      line("period", m("between", { from: "2 mars 2026", to: "6 mars 2026" })),
      m("programme_totals"),
      line("time", "0:30"),
      line("visits", "3"),
      line("sessions", m("sessions_value", { present: 1, sessions: 2, absent: 1, excused: 0 })),
      line("present_time", "3:00"),
      line("courses_completed", m("courses_completed_value", { done: 2, required: 2, courses: 2 })),
      line("programme_completed", "5 mars 2026"),
      line("programme_result", m("programme_result_value", { percent: "70", count: 2 })),
      "Soudure TIG",
      line("time", `0:10 (${m("visits_value", { count: 2 })})`),
      line("items", m("items_value", { done: 1, total: 1 })),
      line("course_completed", "4 mars 2026"),
      line("result", r.courses[0].result.text),
      "Sécurité atelier",
      line("time", `0:20 (${m("visits_value", { count: 1 })})`),
      line("sessions", m("sessions_value", { present: 0, sessions: 1, absent: 1, excused: 0 })),
      line("items", m("items_value", { done: 1, total: 2 })),
      line("course_completed", "5 mars 2026"),
      line("result", r.courses[1].result.text),
    ])
      expect(text).toContain(expected);
    // bruno never joined B: his attestation says so
    const bruno = pdfText((await download(admin, `${base()}/${l2}/attestation.pdf`)).rawPayload).replace(/\s+/g, " ");
    expect(bruno).toContain(line("course_state", m("not_enrolled")));
    expect((await download(admin, `${base()}/${newId()}/attestation.pdf`)).statusCode).toBe(404);
  });
});

describe("the funders overview", () => {
  it("lists the funders and trainings each person reports on, with funded learners", async () => {
    const o = await admin.get(`/api/v1/funder-reports?${PERIOD}`);
    expect(o.status).toBe(200);
    expect(o.body.funders).toEqual(["Employeur", "OPCO Atlas", "Région Bretagne"]);
    expect(o.body.trainings).toEqual([
      { kind: "course", id: courseA, title: "Soudure TIG", funder: "Employeur", learners: 1 },
      { kind: "programme", id: programmeId, title: "Parcours métallerie", funder: "OPCO Atlas", learners: 1 },
      { kind: "programme", id: programmeId, title: "Parcours métallerie", funder: "Région Bretagne", learners: 1 },
    ]);
    const atlas = await nodeAdmin.get(`/api/v1/funder-reports?funder=${encodeURIComponent("OPCO Atlas")}&${PERIOD}`);
    expect(atlas.body).toMatchObject({ funder: "OPCO Atlas", period: { from: "2026-03-02", to: "2026-03-06" } });
    expect(atlas.body.trainings.map((x: { id: string }) => x.id)).toEqual([programmeId]);
    // a course manager sees the courses they manage, not the programme; other nodes and platforms see nothing
    expect((await courseManager.get("/api/v1/funder-reports")).body.trainings.map((x: { id: string }) => x.id)).toEqual([courseA]);
    expect((await siblingAdmin.get("/api/v1/funder-reports")).body).toMatchObject({ funders: [], trainings: [] });
    expect((await learner.get("/api/v1/funder-reports")).body).toMatchObject({ funders: [], trainings: [] });
    expect((await otherAdmin.get("/api/v1/funder-reports")).body).toMatchObject({ funders: [], trainings: [] });
    expect((await admin.get("/api/v1/funder-reports?from=demain")).status).toBe(422);
  });
});

describe("queries", () => {
  it("reads the programme report in the same number of queries for 2 learners or 7", async () => {
    const few = await countSteady(() => report(admin));
    for (let i = 0; i < 5; i++) {
      const u = await makeUser(t.k, p.tenantId, deptId, `extra${i}`);
      await t.k.db.insertInto("programme_members").values({ tenant_id: p.tenantId, programme_id: programmeId, user_id: u.id }).execute();
      await t.k.db.insertInto("course_members").values({ tenant_id: p.tenantId, id: newId(), course_id: courseA, user_id: u.id, role: "learner" }).execute();
      await t.k.db
        .insertInto("events")
        .values({
          tenant_id: p.tenantId,
          id: newId(),
          actor_id: u.id,
          verb: "viewed",
          object_type: "course_item",
          context: JSON.stringify({ courseId: courseA }),
          at: new Date("2026-03-03T09:00:00Z"),
        })
        .execute();
    }
    const many = await countSteady(() => report(admin));
    expect(many.result.body.rows).toHaveLength(7);
    expect(many.count).toBe(few.count);
    expect(few.count).toBeLessThanOrEqual(10);
  });
});
