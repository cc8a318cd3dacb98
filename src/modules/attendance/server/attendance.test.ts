import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePdf, makePlatform, makeUser } from "../../../../test/factories.ts";
import { type Client, countSteady, multipart, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { runJobs } from "../../notifications/server/index.ts";
import { makeCollege, teachMaths } from "../../school/server/test-fixtures.ts";
import { addDays, mondayOf, todayIn, weekdayOf, weekLetter } from "../shared/week.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let q: Awaited<ReturnType<typeof makePlatform>>;
let school: { id: string; path: string };
let classA: { id: string; path: string };
let classB: { id: string; path: string };
const u: Record<string, { id: string }> = {};
const c: Record<string, Client> = {};
let math: string;
let french: string;
const today = todayIn("Europe/Paris");
const yesterday = addDays(today, -1);
const tomorrow = addDays(today, 1);
const lesson: Record<string, string> = {};

const uploadDoc = async (who: Client) => {
  const f = multipart({}, { name: "certificat.pdf", type: "application/pdf", data: await makePdf("Certificat médical : Léa est dispensée de cours ce jour.") });
  return who.request("POST", "/api/v1/files?purpose=document", f.body, f.headers);
};
const importFile = (who: Client, format: "csv" | "ics", orgId: string, data: string, check = true) => {
  const f = multipart({ orgId }, { name: `timetable.${format}`, type: format === "csv" ? "text/csv" : "text/calendar", data });
  return who.request("POST", `/api/v1/attendance/imports/${format}${check ? "/check" : ""}`, f.body, f.headers);
};
const slot = (over: Record<string, unknown> = {}) => ({
  subjectId: math,
  teacherId: u.martin!.id,
  room: "B12",
  weekday: weekdayOf(today),
  startsAt: "08:00",
  endsAt: "09:00",
  ...over,
});
const notices = (userId: string) =>
  t.k.db
    .selectFrom("notifications")
    .select(["kind", "params"])
    .where("tenant_id", "=", p.tenantId)
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
const mails = (to: string) =>
  t.k.db.selectFrom("mail_outbox").select(["subject", "text_body"]).where("tenant_id", "=", p.tenantId).where("to_address", "=", to).execute();

/** A collège: 5e A (Léa, Hugo; maths by Martin), 5e B (Zoé; maths by Durand), the school-life office (cpe), Léa's parent, Zoé's parent; another platform. */
beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "college");
  q = await makePlatform(t.k, "autre");
  ({ school, classA, classB } = await makeCollege(t.k, p));
  u.lea = await makeUser(t.k, p.tenantId, classA.id, "lea", "learner");
  u.hugo = await makeUser(t.k, p.tenantId, classA.id, "hugo", "learner");
  u.zoe = await makeUser(t.k, p.tenantId, classB.id, "zoe", "learner");
  u.martin = await makeUser(t.k, p.tenantId, classA.id, "martin", "teacher");
  u.durand = await makeUser(t.k, p.tenantId, classB.id, "durand", "teacher");
  u.cpe = await makeUser(t.k, p.tenantId, school.id, "cpe", "staff");
  u.parent = await makeUser(t.k, p.tenantId, school.id, "parent-lea", "parent");
  u.parentZoe = await makeUser(t.k, p.tenantId, school.id, "parent-zoe", "parent");
  await makeUser(t.k, q.tenantId, q.rootOrgId, "eve", "staff");
  c.admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
  math = await teachMaths(c.admin, [
    [classA.id, u.martin.id],
    [classB.id, u.durand.id],
  ]);
  french = (await c.admin.post("/api/v1/school/subjects", { code: "FRA", name: "Français", color: "#dc2626" })).body.id;
  await t.k.db
    .insertInto("school_guardians")
    .values([
      { tenant_id: p.tenantId, id: newId(), parent_id: u.parent.id, child_id: u.lea.id },
      { tenant_id: p.tenantId, id: newId(), parent_id: u.parentZoe.id, child_id: u.zoe.id },
    ])
    .execute();
  for (const login of ["lea", "hugo", "zoe", "martin", "durand", "cpe"]) c[login] = await signedIn(t.app, { host: p.host }, login);
  c.parent = await signedIn(t.app, { host: p.host }, "parent-lea");
  c.parentZoe = await signedIn(t.app, { host: p.host }, "parent-zoe");
  c.other = await signedIn(t.app, { host: q.host }, "eve");
});
afterAll(async () => t?.close());

describe("timetable", () => {
  it("admins of the class add lessons; bad input gets field errors; others are refused", async () => {
    const r = await c.admin.post(`/api/v1/attendance/classes/${classA.id}/lessons`, slot());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      class: { name: "5e A" },
      subject: { code: "MATH" },
      teacher: { id: u.martin!.id },
      room: "B12",
      startsAt: "08:00",
      weeks: "all",
    });
    lesson.today = r.body.id;
    lesson.yesterday = (await c.admin.post(`/api/v1/attendance/classes/${classA.id}/lessons`, slot({ weekday: weekdayOf(yesterday) }))).body.id;
    lesson.tomorrow = (await c.admin.post(`/api/v1/attendance/classes/${classA.id}/lessons`, slot({ weekday: weekdayOf(tomorrow) }))).body.id;
    expect((await c.admin.post(`/api/v1/attendance/classes/${classA.id}/lessons`, slot())).status).toBe(409);
    const bad = await c.admin.post(`/api/v1/attendance/classes/${classA.id}/lessons`, slot({ startsAt: "10:00", endsAt: "09:00", teacherId: u.lea!.id }));
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["endsAt", "teacherId"]);
    expect(bad.body.error.fields.endsAt).toMatch(/fin/i);
    expect((await c.admin.post(`/api/v1/attendance/classes/${classA.id}/lessons`, slot({ startsAt: "8h" }))).status).toBe(422);
    expect((await c.martin.post(`/api/v1/attendance/classes/${classA.id}/lessons`, slot({ startsAt: "11:00", endsAt: "12:00" }))).status).toBe(403);
    expect((await c.parent.post(`/api/v1/attendance/classes/${classA.id}/lessons`, slot({ startsAt: "11:00", endsAt: "12:00" }))).status).toBe(403);
    expect((await c.zoe.post(`/api/v1/attendance/classes/${classA.id}/lessons`, slot({ startsAt: "11:00", endsAt: "12:00" }))).status).toBe(404);
    expect((await c.other.post(`/api/v1/attendance/classes/${classA.id}/lessons`, slot({ startsAt: "11:00", endsAt: "12:00" }))).status).toBe(404);
  });

  it("shows a week for a class, a teacher, a pupil and a parent's child, and nobody else's", async () => {
    const start = mondayOf(today);
    const week = (who: Client, query = "") => who.get(`/api/v1/attendance/week?start=${start}${query}`);
    const mine = await week(c.martin);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: { day: string }) => i.day)).toContain(today);
    expect(mine.body.items.every((i: { canCall: boolean }) => i.canCall)).toBe(true);
    expect((await week(c.lea)).body.items.length).toBe(mine.body.items.length);
    expect((await week(c.admin, `&classId=${classA.id}`)).body).toMatchObject({ canManage: true, weekLetter: weekLetter(start) });
    expect((await week(c.parent, `&pupilId=${u.lea!.id}`)).body.items.length).toBe(mine.body.items.length);
    expect((await week(c.cpe, `&teacherId=${u.martin!.id}`)).body.items.length).toBe(mine.body.items.length);
    expect((await week(c.zoe)).body.items).toEqual([]);
    // refusals: another's child, a class one has nothing to do with, a colleague's week, another platform
    expect((await week(c.parent, `&pupilId=${u.zoe!.id}`)).status).toBe(404);
    expect((await week(c.parentZoe, `&classId=${classA.id}`)).status).toBe(404);
    expect((await week(c.lea, `&classId=${classB.id}`)).status).toBe(404);
    expect((await week(c.lea, `&pupilId=${u.hugo!.id}`)).status).toBe(404);
    expect((await week(c.durand, `&pupilId=${u.lea!.id}`)).status).toBe(404);
    expect((await week(c.martin, `&teacherId=${u.durand!.id}`)).status).toBe(404);
    expect((await week(c.other, `&classId=${classA.id}`)).status).toBe(404);
  });

  it("places week A and week B lessons on alternate weeks, and dated lessons within their dates", async () => {
    const a = await c.admin.post(`/api/v1/attendance/classes/${classB.id}/lessons`, { ...slot({ teacherId: u.durand!.id }), weekday: 1, weeks: "A" });
    const d = await c.admin.post(`/api/v1/attendance/classes/${classB.id}/lessons`, {
      ...slot({ teacherId: u.durand!.id, subjectId: french }),
      weekday: 2,
      firstDay: "2026-09-01",
      lastDay: "2026-09-30",
    });
    expect(a.status).toBe(200);
    expect(d.status).toBe(200);
    const monday = mondayOf(today);
    const ids = async (start: string) =>
      (await c.zoe.get(`/api/v1/attendance/week?start=${start}`)).body.items.map((i: { lesson: { id: string } }) => i.lesson.id);
    const aWeek = weekLetter(monday) === "A" ? monday : addDays(monday, 7);
    expect(await ids(aWeek)).toContain(a.body.id);
    expect(await ids(addDays(aWeek, 7))).not.toContain(a.body.id);
    expect(await ids("2026-09-14")).toContain(d.body.id);
    expect(await ids("2026-10-05")).not.toContain(d.body.id);
  });
});

describe("roll call", () => {
  const roll = (who: Client, id = lesson.today!, day = today) => who.get(`/api/v1/attendance/lessons/${id}/roll/${day}`);
  const save = (who: Client, marks: unknown[], id = lesson.today!, day = today) => who.put(`/api/v1/attendance/lessons/${id}/roll/${day}`, { marks });

  it("lists the class's pupils in a bounded number of statements", async () => {
    const r = await roll(c.martin);
    expect(r.status).toBe(200);
    expect(r.body.pupils.map((x: { status: string }) => x.status)).toEqual(["present", "present"]);
    expect(r.body).toMatchObject({ canEdit: true, taken: null });
    const before = await countSteady(() => roll(c.martin));
    for (let i = 0; i < 6; i++) await makeUser(t.k, p.tenantId, classA.id, `extra${i}`, "learner");
    const after = await countSteady(() => roll(c.martin));
    expect(after.result.body.pupils).toHaveLength(8);
    expect(after.count).toBe(before.count);
    expect(after.count).toBeLessThanOrEqual(8);
  });

  it("the lesson's teacher records absent, late and excluded, with who and when; the parents are told", async () => {
    const r = await save(c.martin, [
      { pupilId: u.lea!.id, status: "absent" },
      { pupilId: u.hugo!.id, status: "late", lateMinutes: 10 },
    ]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.taken).toMatchObject({ by: "martin Test" });
    const byId = Object.fromEntries(r.body.pupils.map((x: { id: string }) => [x.id, x]));
    expect(byId[u.lea!.id]).toMatchObject({ status: "absent" });
    expect(byId[u.hugo!.id]).toMatchObject({ status: "late", lateMinutes: 10 });
    await runJobs(t.k);
    expect(await notices(u.parent!.id)).toEqual([expect.objectContaining({ kind: "absence.new" })]);
    expect(await notices(u.parentZoe!.id)).toEqual([]);
    const sent = await mails("parent-lea@example.test");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toContain("lea");
    // saving the same roll again tells no one twice
    await save(c.martin, [
      { pupilId: u.lea!.id, status: "absent" },
      { pupilId: u.hugo!.id, status: "late", lateMinutes: 10 },
    ]);
    await runJobs(t.k);
    expect(await notices(u.parent!.id)).toHaveLength(1);
    const week = await c.parent.get(`/api/v1/attendance/week?start=${mondayOf(today)}&pupilId=${u.lea!.id}`);
    const occ = week.body.items.find((i: { lesson: { id: string }; day: string }) => i.lesson.id === lesson.today && i.day === today);
    expect(occ).toMatchObject({ mark: { status: "absent", justification: "none" }, roll: { absent: 1, late: 1 }, canCall: false });
  });

  it("refuses bad marks with field errors", async () => {
    const r = await save(c.martin, [
      { pupilId: u.zoe!.id, status: "absent" },
      { pupilId: u.hugo!.id, status: "late" },
      { pupilId: u.lea!.id, status: "asleep" },
    ]);
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.fields).sort()).toEqual(["marks.2.status"]);
    const r2 = await save(c.martin, [
      { pupilId: u.zoe!.id, status: "absent" },
      { pupilId: u.hugo!.id, status: "late" },
    ]);
    expect(Object.keys(r2.body.error.fields).sort()).toEqual(["marks.0.pupilId", "marks.1.lateMinutes"]);
  });

  it("is the lesson's teacher's on the day only, staff's any past day, nobody's ahead; others are refused", async () => {
    expect((await save(c.martin, [], lesson.yesterday, yesterday)).status).toBe(403);
    expect((await save(c.cpe, [{ pupilId: u.hugo!.id, status: "excluded" }], lesson.yesterday, yesterday)).status).toBe(200);
    expect((await save(c.cpe, [], lesson.tomorrow, tomorrow)).status).toBe(422);
    expect((await roll(c.martin, lesson.today, tomorrow)).status).toBe(404);
    expect((await roll(c.durand)).status).toBe(404);
    expect((await save(c.lea, [])).status).toBe(403);
    expect((await roll(c.parent)).status).toBe(404);
    expect((await roll(c.other)).status).toBe(404);
    expect((await save(c.other, [])).status).toBe(404);
  });
});

describe("justification and decision", () => {
  let absence: { id: string };
  it("lists absences to those who follow the pupil only", async () => {
    const parent = await c.parent.get("/api/v1/attendance/absences");
    expect(parent.status).toBe(200);
    expect(parent.body.items.map((a: { pupil: { id: string } }) => a.pupil.id)).toEqual([u.lea!.id]);
    absence = parent.body.items[0];
    expect(parent.body.items[0]).toMatchObject({ status: "absent", justification: "none", canJustify: true, canDecide: false, recordedBy: "martin Test" });
    expect((await c.lea.get("/api/v1/attendance/absences")).body.items).toHaveLength(1);
    expect((await c.hugo.get("/api/v1/attendance/absences")).body.items.map((a: { status: string }) => a.status).sort()).toEqual(["excluded", "late"]);
    expect((await c.zoe.get("/api/v1/attendance/absences")).body.items).toEqual([]);
    expect((await c.parentZoe.get("/api/v1/attendance/absences")).body.items).toEqual([]);
    expect((await c.durand.get("/api/v1/attendance/absences")).body.items).toEqual([]);
    expect((await c.cpe.get("/api/v1/attendance/absences")).body.items).toHaveLength(3);
    expect((await c.other.get("/api/v1/attendance/absences")).body.items).toEqual([]);
    expect((await c.parentZoe.get(`/api/v1/attendance/absences?pupilId=${u.lea!.id}`)).status).toBe(404);
    expect((await c.lea.get(`/api/v1/attendance/absences?classId=${classA.id}`)).status).toBe(404);
  });

  it("a parent justifies with a reason and a document; nobody else may", async () => {
    const doc = await uploadDoc(c.parent);
    expect(doc.status, JSON.stringify(doc.body)).toBe(200);
    const body = { reason: "medical", note: "Rendez-vous chez le médecin", fileId: doc.body.id };
    expect((await c.lea.post(`/api/v1/attendance/absences/${absence.id}/justification`, body)).status).toBe(403);
    expect((await c.martin.post(`/api/v1/attendance/absences/${absence.id}/justification`, body)).status).toBe(403);
    expect((await c.parentZoe.post(`/api/v1/attendance/absences/${absence.id}/justification`, body)).status).toBe(404);
    expect((await c.other.post(`/api/v1/attendance/absences/${absence.id}/justification`, body)).status).toBe(404);
    const bad = await c.parent.post(`/api/v1/attendance/absences/${absence.id}/justification`, { reason: "bored" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(["reason"]);
    const foreign = await uploadDoc(c.parentZoe);
    const notMine = await c.parent.post(`/api/v1/attendance/absences/${absence.id}/justification`, { ...body, fileId: foreign.body.id });
    expect(notMine.status).toBe(422);
    expect(Object.keys(notMine.body.error.fields)).toEqual(["fileId"]);
    const r = await c.parent.post(`/api/v1/attendance/absences/${absence.id}/justification`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ justification: "pending", reason: "medical", reasonNote: body.note, fileId: doc.body.id, canJustify: false });
    expect((await c.parent.post(`/api/v1/attendance/absences/${absence.id}/justification`, body)).status).toBe(409);
    // the document: the office reads it, another parent does not
    expect((await c.cpe.get(`/api/v1/files/${doc.body.id}`)).status).toBe(200);
    expect((await c.parentZoe.get(`/api/v1/files/${doc.body.id}`)).status).toBe(404);
  });

  it("the school-life office decides, with a comment; the parents are told", async () => {
    const pending = await c.cpe.get("/api/v1/attendance/absences?justification=pending");
    expect(pending.body.items.map((a: { id: string }) => a.id)).toEqual([absence.id]);
    expect(pending.body.items[0]).toMatchObject({ canDecide: true, justifiedBy: "parent-lea Test" });
    const decision = { accept: true, comment: "Certificat reçu." };
    expect((await c.martin.post(`/api/v1/attendance/absences/${absence.id}/decision`, decision)).status).toBe(403);
    expect((await c.parent.post(`/api/v1/attendance/absences/${absence.id}/decision`, decision)).status).toBe(403);
    expect((await c.other.post(`/api/v1/attendance/absences/${absence.id}/decision`, decision)).status).toBe(404);
    const r = await c.cpe.post(`/api/v1/attendance/absences/${absence.id}/decision`, decision);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ justification: "accepted", decidedBy: "cpe Test", decisionComment: "Certificat reçu." });
    expect((await c.cpe.post(`/api/v1/attendance/absences/${absence.id}/decision`, decision)).status).toBe(409);
    await runJobs(t.k);
    expect((await notices(u.parent!.id)).map((n) => n.kind)).toEqual(["absence.new", "absence.decided"]);
    const sent = await mails("parent-lea@example.test");
    expect(sent).toHaveLength(2);
    expect(sent[1]!.text_body).toContain("Certificat reçu.");
  });
});

describe("counts and export", () => {
  const range = `from=${addDays(today, -30)}&to=${addDays(today, 1)}`;
  it("counts absences, half-days and lateness per pupil in a bounded number of statements", async () => {
    const r = await c.cpe.get(`/api/v1/attendance/counts?orgId=${school.id}&${range}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const lea = r.body.items.find((i: { pupil: { id: string } }) => i.pupil.id === u.lea!.id);
    const hugo = r.body.items.find((i: { pupil: { id: string } }) => i.pupil.id === u.hugo!.id);
    expect(lea).toMatchObject({ absences: 1, justified: 1, unjustified: 0, pending: 0, halfDays: 1, lates: 0 });
    expect(hugo).toMatchObject({ absences: 0, lates: 1, lateMinutes: 10, exclusions: 1 });
    expect(r.body.total).toMatchObject({ absences: 1, lates: 1, exclusions: 1 });
    const before = await countSteady(() => c.cpe.get(`/api/v1/attendance/counts?orgId=${school.id}&${range}`));
    for (let i = 0; i < 5; i++) await makeUser(t.k, p.tenantId, classB.id, `more${i}`, "learner");
    const after = await countSteady(() => c.cpe.get(`/api/v1/attendance/counts?orgId=${school.id}&${range}`));
    expect(after.result.body.items.length).toBe(before.result.body.items.length + 5);
    expect(after.count).toBe(before.count);
    expect(after.count).toBeLessThanOrEqual(4);
  });

  it("shows a class to its teachers and staff, a pupil to who follows them, and refuses the rest", async () => {
    expect((await c.martin.get(`/api/v1/attendance/counts?orgId=${classA.id}&${range}`)).status).toBe(200);
    expect((await c.martin.get(`/api/v1/attendance/counts?orgId=${classB.id}&${range}`)).status).toBe(404);
    expect((await c.lea.get(`/api/v1/attendance/counts?orgId=${classA.id}&${range}`)).status).toBe(403);
    expect((await c.parent.get(`/api/v1/attendance/counts?orgId=${school.id}&${range}`)).status).toBe(403);
    const mine = await c.parent.get(`/api/v1/attendance/counts?pupilId=${u.lea!.id}&${range}`);
    expect(mine.body.items).toHaveLength(1);
    expect((await c.parent.get(`/api/v1/attendance/counts?pupilId=${u.zoe!.id}&${range}`)).status).toBe(404);
    expect((await c.other.get(`/api/v1/attendance/counts?orgId=${school.id}&${range}`)).status).toBe(404);
    const reversed = await c.cpe.get(`/api/v1/attendance/counts?orgId=${school.id}&from=${today}&to=${yesterday}`);
    expect(reversed.status).toBe(422);
    expect(Object.keys(reversed.body.error.fields)).toEqual(["to"]);
  });

  it("exports the counts as CSV in the reader's language", async () => {
    const r = await c.cpe.get(`/api/v1/attendance/counts.csv?orgId=${classA.id}&${range}`);
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toContain("text/csv");
    const lines = String(r.body)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^Élève;Classe;Absences;/);
    expect(lines.find((l) => l.startsWith("lea Test"))).toBe("lea Test;5e A;1;1;0;0;1;0;0;0");
    expect((await c.lea.get(`/api/v1/attendance/counts.csv?orgId=${classA.id}&${range}`)).status).toBe(403);
    expect((await c.cpe.get(`/api/v1/attendance/counts.csv?orgId=${classA.id}&from=nope&to=${today}`)).status).toBe(422);
  });
});

describe("timetable import", () => {
  it("checks a CSV row by row, refuses it while a row is wrong, then imports it once", async () => {
    const bad = [
      "classe;matière;enseignant;salle;jour;début;fin;semaine",
      "5e A;FRA;martin;C3;lundi;10:00;11:00;",
      "5e Z;FRA;martin;C3;mardi;10:00;11:00;",
      "5e A;FRA;nobody;C3;mardi;10:00;11:00;",
      "5e A;FRA;martin;C3;jourdi;10h;9h;C",
    ].join("\n");
    const check = await importFile(c.admin, "csv", school.id, bad);
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body.errors.map((e: { line: number; column: string }) => `${e.line}:${e.column}`)).toEqual([
      "3:classe",
      "4:enseignant",
      "5:jour",
      "5:fin",
      "5:semaine",
    ]);
    expect(check.body.errors[0].message).toContain("5e Z");
    const refused = await importFile(c.admin, "csv", school.id, bad, false);
    expect(refused.status).toBe(422);
    const good = [
      "classe;matière;enseignant;salle;jour;début;fin;semaine;du;au",
      "5e A;FRA;martin;C3;lundi;10:00;11:00;A;01/09/2026;2027-07-04",
      "5e B;Mathématiques;durand;;Vendredi;14h;15h30;;;",
    ].join("\n");
    const done = await importFile(c.admin, "csv", school.id, good, false);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ errors: [], lessons: 2, created: 2 });
    expect((await importFile(c.admin, "csv", school.id, good, false)).body.created).toBe(0);
    const rows = await t.k.db
      .selectFrom("attendance_lessons")
      .select(["weeks", "starts_at", "ends_at"])
      .where("tenant_id", "=", p.tenantId)
      .where("room", "=", "C3")
      .execute();
    expect(rows).toEqual([{ weeks: "A", starts_at: "10:00:00", ends_at: "11:00:00" }]);
    expect((await importFile(c.martin, "csv", school.id, good)).status).toBe(403);
    expect((await importFile(c.other, "csv", school.id, good)).status).toBe(404);
  });

  it("imports a class's iCalendar file, recurring events expanded and exceptions left out", async () => {
    const ics = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//test//EN",
      "BEGIN:VEVENT",
      "UID:hist-1@test",
      "DTSTART:20270104T093000",
      "DTEND:20270104T103000",
      "RRULE:FREQ=WEEKLY;COUNT=5",
      "EXDATE:20270111T093000",
      "SUMMARY:FRA",
      "LOCATION:D4",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:unknown-1@test",
      "DTSTART:20270105T093000",
      "DTEND:20270105T103000",
      "SUMMARY:Astronomie",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    const check = await importFile(c.admin, "ics", classA.id, ics);
    expect(check.status, JSON.stringify(check.body)).toBe(200);
    expect(check.body.errors.map((e: { line: number; column: string }) => `${e.line}:${e.column}`)).toEqual(["1:ORGANIZER", "2:SUMMARY"]);
    await c.admin.post(`/api/v1/school/classes/${classA.id}/teachings`, { subjectId: french, teacherId: u.martin!.id });
    const fixed = ics.replace(/BEGIN:VEVENT\r\nUID:unknown[\s\S]*?END:VEVENT\r\n/, "");
    const done = await importFile(c.admin, "ics", classA.id, fixed, false);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ rows: 1, lessons: 4, created: 4 });
    const days = await t.k.db
      .selectFrom("attendance_lessons")
      .select("first_day")
      .where("tenant_id", "=", p.tenantId)
      .where("room", "=", "D4")
      .orderBy("first_day")
      .execute();
    expect(days.map((d) => String(d.first_day))).toHaveLength(4);
    expect((await importFile(c.admin, "ics", school.id, fixed)).status).toBe(422);
    const broken = await importFile(c.admin, "ics", classA.id, "BEGIN:VCALENDAR\r\nnonsense");
    expect(broken.body.errors).toHaveLength(1);
  });
});
