import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser } from "../../../../test/factories.ts";
import { type Client, countSteady, pdfText, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { attendanceSheet } from "./pdf.ts";
import { sendDueReminders } from "./reminders.ts";

const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const DAY = 24 * 3600_000;

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let other: Awaited<ReturnType<typeof makePlatform>>;
let teacher: Client;
let otherAdmin: Client;
const L: Client[] = [];
const learnerIds: string[] = [];
let outsider: Client;
let courseId: string;

/** A published course on the platform's root with a teacher and learners (enrolment is another module's work). */
async function makeCourse(tenantId: string, orgId: string, teacherId: string, learners: string[]) {
  const id = newId();
  await t.k.db.insertInto("courses").values({ tenant_id: tenantId, id, org_id: orgId, title: "Premiers secours", status: "published" }).execute();
  await t.k.db
    .insertInto("course_members")
    .values([
      { tenant_id: tenantId, id: newId(), course_id: id, user_id: teacherId, role: "teacher" },
      ...learners.map((u) => ({ tenant_id: tenantId, id: newId(), course_id: id, user_id: u, role: "learner" as const })),
    ])
    .execute();
  return id;
}

const at = (ms: number) => new Date(Date.now() + ms).toISOString();
const base = () => `/api/v1/courses/${courseId}/sessions`;
async function newSession(extra: object = {}) {
  const r = await teacher.post(base(), {
    title: "Atelier",
    kind: "in-person",
    startsAt: at(2 * DAY),
    endsAt: at(2 * DAY + 3 * 3600_000),
    place: "12 rue des Lilas, Brest",
    seats: 2,
    ...extra,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { id: string };
}
const mails = (to: string) =>
  t.k.db.selectFrom("mail_outbox").selectAll().where("tenant_id", "=", p.tenantId).where("to_address", "=", to).orderBy("created_at").execute();
const icsOf = (m: { attachments: unknown }) => {
  const a = (typeof m.attachments === "string" ? JSON.parse(m.attachments) : m.attachments) as { contentType: string; base64: string }[];
  expect(a[0].contentType).toContain("text/calendar");
  return Buffer.from(a[0].base64, "base64")
    .toString("utf8")
    .replace(/\r?\n[ \t]/g, "");
};
const icsField = (ics: string, name: string) => new RegExp(`^${name}(;[^:]*)?:(.*)$`, "m").exec(ics)?.[2]?.trim();

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "blend");
  other = await makePlatform(t.k, "other");
  const tu = await makeUser(t.k, p.tenantId, p.rootOrgId, "trainer", "teacher");
  for (let i = 1; i <= 4; i++) learnerIds.push((await makeUser(t.k, p.tenantId, p.rootOrgId, `learner${i}`)).id);
  await makeUser(t.k, p.tenantId, p.rootOrgId, "outsider");
  courseId = await makeCourse(p.tenantId, p.rootOrgId, tu.id, learnerIds);
  teacher = await signedIn(t.app, { host: p.host }, "trainer");
  for (let i = 1; i <= 4; i++) L.push(await signedIn(t.app, { host: p.host }, `learner${i}`));
  outsider = await signedIn(t.app, { host: p.host }, "outsider");
  otherAdmin = await signedIn(t.app, { host: other.host }, other.adminLogin);
});
afterAll(() => t.close());

describe("session editing", () => {
  it("validates dates, place and link with field errors", async () => {
    const r = await teacher.post(base(), { title: "X", kind: "in-person", startsAt: at(DAY), endsAt: at(DAY - 3600_000), place: "" });
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.fields).sort()).toEqual(["endsAt", "place"]);
    expect(r.body.error.fields.endsAt).toBe("La fin doit être après le début.");
    const http = await teacher.post(base(), { title: "X", kind: "online", startsAt: at(DAY), endsAt: at(DAY + 3600_000), videoUrl: "http://visio.example/x" });
    expect(http.status).toBe(422);
    expect(Object.keys(http.body.error.fields)).toEqual(["videoUrl"]);
    const ok = await teacher.post(base(), {
      title: "Visio",
      kind: "online",
      startsAt: at(DAY),
      endsAt: at(DAY + 3600_000),
      videoUrl: "https://visio.example/x",
      seats: null,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ kind: "online", videoUrl: "https://visio.example/x", place: null, seats: null, taken: 0, me: null });
  });

  it("is for course editors only: a learner gets 403, another platform and a stranger 404", async () => {
    expect((await L[0].post(base(), { title: "X", kind: "online", startsAt: at(DAY), endsAt: at(2 * DAY), videoUrl: "https://a.example" })).status).toBe(403);
    expect((await otherAdmin.get(base())).status).toBe(404);
    const list = await outsider.get(base());
    // the course is on the platform root, so anyone on the platform sees it in the catalogue, but may not register
    if (list.status === 200) expect(list.body.canRegister).toBe(false);
    else expect(list.status).toBe(404);
  });
});

describe("cancellation", () => {
  it("deleting a session tells everyone registered, in their language; seat holders get a calendar cancellation", async () => {
    const s = await newSession({ seats: 1, title: "Atelier annulé" });
    await t.k.db.updateTable("users").set({ locale: "en" }).where("tenant_id", "=", p.tenantId).where("id", "=", learnerIds[1]).execute();
    expect((await L[0].post(`${base()}/${s.id}/registration`)).body.status).toBe("approved");
    expect((await L[1].post(`${base()}/${s.id}/registration`)).body.status).toBe("waiting");
    const invite = icsOf((await mails("learner1@example.test")).at(-1)!);
    const before = (await mails("learner3@example.test")).length;
    expect((await L[0].del(`${base()}/${s.id}`)).status).toBe(403);
    expect((await teacher.del(`${base()}/${s.id}`)).status).toBe(200);

    const held = (await mails("learner1@example.test")).at(-1)!;
    expect(held.subject).toBe("Séance annulée : Atelier annulé");
    expect(held.text_body).toContain("« Atelier annulé » du cours « Premiers secours » est annulée");
    const ics = icsOf(held);
    expect(icsField(ics, "METHOD")).toBe("CANCEL");
    expect(icsField(ics, "STATUS")).toBe("CANCELLED");
    // the same calendar entry as the invitation, with a higher sequence, so calendars remove it
    expect(icsField(ics, "UID")).toBe(icsField(invite, "UID"));
    expect(Number(icsField(ics, "SEQUENCE"))).toBeGreaterThan(Number(icsField(invite, "SEQUENCE") ?? 0));
    const waiting = (await mails("learner2@example.test")).at(-1)!;
    expect(waiting.subject).toBe("Session cancelled: Atelier annulé");
    expect(waiting.attachments ?? []).toEqual([]);
    // nobody else is written to
    expect(await mails("learner3@example.test")).toHaveLength(before);
    expect((await teacher.get(`${base()}/${s.id}`)).status).toBe(404);
    await t.k.db.updateTable("users").set({ locale: null }).where("tenant_id", "=", p.tenantId).where("id", "=", learnerIds[1]).execute();
  });
});

describe("registration, waiting list and promotion", () => {
  let s: { id: string };
  it("gives seats, then waiting list positions", async () => {
    s = await newSession({ seats: 2 });
    const r = [];
    for (const c of L) r.push((await c.post(`${base()}/${s.id}/registration`)).body);
    expect(r.map((x) => x.status)).toEqual(["approved", "approved", "waiting", "waiting"]);
    expect(r.map((x) => x.position)).toEqual([null, null, 1, 2]);
    const again = await L[2].post(`${base()}/${s.id}/registration`);
    expect(again.body).toMatchObject({ status: "waiting", position: 1 });
    const list = await L[3].get(base());
    expect(list.body.items.find((x: { id: string }) => x.id === s.id)).toMatchObject({ taken: 2, waiting: 2, me: { status: "waiting", position: 2 } });
    const m = await mails("learner3@example.test");
    expect(m.at(-1)!.subject).toContain("Liste d’attente");
    expect(m.at(-1)!.text_body).toContain("position 1");
  });

  it("promotes the first person waiting when a seat frees up, and mails an invitation", async () => {
    expect((await L[0].del(`${base()}/${s.id}/registration`)).status).toBe(200);
    expect((await L[2].get(`${base()}/${s.id}`)).body.me).toMatchObject({ status: "approved", position: null });
    expect((await L[3].get(`${base()}/${s.id}`)).body.me).toMatchObject({ status: "waiting", position: 1 });
    const m = (await mails("learner3@example.test")).at(-1)!;
    expect(m.subject).toContain("Une place s’est libérée");
    const ics = icsOf(m);
    expect(icsField(ics, "METHOD")).toBe("REQUEST");
    const session = await t.k.db.selectFrom("course_sessions").selectAll().where("tenant_id", "=", p.tenantId).where("id", "=", s.id).executeTakeFirstOrThrow();
    const utc = (d: Date) =>
      d
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "");
    expect(icsField(ics, "DTSTART")).toBe(utc(new Date(session.starts_at)));
    expect(icsField(ics, "DTEND")).toBe(utc(new Date(session.ends_at)));
    expect(icsField(ics, "LOCATION")).toBe("12 rue des Lilas\\, Brest");
    expect(icsField(ics, "UID")).toBe(`session-${s.id}-${learnerIds[2]}@blend.localhost`);
  });

  it("promotes when seats grow", async () => {
    const r = await teacher.patch(`${base()}/${s.id}`, { seats: 3 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ seats: 3, taken: 3, waiting: 0 });
    expect((await L[3].get(`${base()}/${s.id}`)).body.me.status).toBe("approved");
  });

  it("gives the last seat to exactly one of two concurrent registrations", async () => {
    for (let round = 0; round < 3; round++) {
      const one = await newSession({ seats: 1 });
      const [a, b] = await Promise.all([L[0].post(`${base()}/${one.id}/registration`), L[1].post(`${base()}/${one.id}/registration`)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect([a.body.status, b.body.status].sort()).toEqual(["approved", "waiting"]);
      const n = await t.k.db
        .selectFrom("session_registrations")
        .select((e) => e.fn.countAll<number>().as("n"))
        .where("tenant_id", "=", p.tenantId)
        .where("session_id", "=", one.id)
        .where("status", "=", "approved")
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(1);
    }
  });

  it("refuses registration outside the window and from people who are not learners", async () => {
    const closed = await newSession({ registrationOpensAt: at(DAY) });
    const r = await L[0].post(`${base()}/${closed.id}/registration`);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toBe("Les inscriptions à cette séance sont fermées.");
    const s2 = await newSession();
    expect((await teacher.post(`${base()}/${s2.id}/registration`)).status).toBe(403);
  });
});

describe("approval by a manager", () => {
  it("pending, approved (seat counted), waiting past the last seat, refusal frees the seat", async () => {
    const s = await newSession({ seats: 1, approval: true });
    const a = await L[0].post(`${base()}/${s.id}/registration`);
    const b = await L[1].post(`${base()}/${s.id}/registration`);
    expect([a.body.status, b.body.status]).toEqual(["pending", "pending"]);
    expect((await L[0].get(`${base()}/${s.id}`)).body).toMatchObject({ taken: 0, pending: 2 });
    expect((await L[0].post(`${base()}/${s.id}/registrations/${a.body.id}/decision`, { decision: "approve" })).status).toBe(403);
    const ok = await teacher.post(`${base()}/${s.id}/registrations/${a.body.id}/decision`, { decision: "approve" });
    expect(ok.body).toMatchObject({ status: "approved", userId: learnerIds[0] });
    const late = await teacher.post(`${base()}/${s.id}/registrations/${b.body.id}/decision`, { decision: "approve" });
    expect(late.body).toMatchObject({ status: "waiting", position: 1 });
    expect((await mails("learner1@example.test")).at(-1)!.subject).toContain("Inscription validée");
    const refused = await teacher.post(`${base()}/${s.id}/registrations/${a.body.id}/decision`, { decision: "refuse" });
    expect(refused.body.status).toBe("refused");
    expect((await L[1].get(`${base()}/${s.id}`)).body.me.status).toBe("approved");
    const list = await teacher.get(`${base()}/${s.id}/registrations`);
    expect(list.body.items.map((r: { status: string }) => r.status)).toEqual(["approved", "refused"]);
    expect((await mails("learner1@example.test")).at(-1)!.subject).toContain("non retenue");
  });
});

describe("reminders", () => {
  it("are sent once, the day before, with the invitation", async () => {
    const s = await newSession({ seats: 5, startsAt: at(3 * DAY), endsAt: at(3 * DAY + 3600_000) });
    await L[0].post(`${base()}/${s.id}/registration`);
    await L[1].post(`${base()}/${s.id}/registration`);
    expect(await sendDueReminders(t.k, new Date())).toBe(0);
    const dayBefore = new Date(Date.now() + 3 * DAY - 23 * 3600_000);
    const [x, y] = await Promise.all([sendDueReminders(t.k, dayBefore), sendDueReminders(t.k, dayBefore)]);
    expect(x + y).toBe(2);
    expect(await sendDueReminders(t.k, new Date(dayBefore.getTime() + 60_000))).toBe(0);
    const reminders = (await mails("learner1@example.test")).filter((m) => m.subject.startsWith("Rappel"));
    expect(reminders).toHaveLength(1);
    expect(icsField(icsOf(reminders[0]), "SUMMARY")).toContain("Atelier");
    // moved a day later: reminded again the day before the new date
    const moved = await teacher.patch(`${base()}/${s.id}`, { startsAt: at(4 * DAY), endsAt: at(4 * DAY + 3600_000) });
    expect(moved.status).toBe(200);
    const changed = (await mails("learner1@example.test")).at(-1)!;
    expect(changed.subject).toContain("Séance modifiée");
    const ics = icsOf(changed);
    expect(Number(icsField(ics, "SEQUENCE"))).toBeGreaterThanOrEqual(0);
    expect(icsField(ics, "DTSTART")).toBe(
      new Date(moved.body.startsAt)
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, ""),
    );
    expect(await sendDueReminders(t.k, dayBefore)).toBe(0);
    expect(await sendDueReminders(t.k, new Date(Date.now() + 4 * DAY - 23 * 3600_000))).toBe(2);
  });
});

describe("attendance", () => {
  let s: { id: string };
  beforeAll(async () => {
    s = await newSession({ seats: 3 });
    for (const c of L.slice(0, 3)) await c.post(`${base()}/${s.id}/registration`);
  });
  const put = (c: Client, userId: string, body: object) => c.put(`${base()}/${s.id}/attendance/${userId}`, body);

  it("records present with a signature, absent and excused, and an attended event once", async () => {
    const r = await put(teacher, learnerIds[0], { status: "present", signature: PNG });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.attendance).toMatchObject({ status: "present", signature: PNG, signedOnPaper: false });
    await put(teacher, learnerIds[0], { status: "present", signature: PNG });
    expect((await put(teacher, learnerIds[1], { status: "present", signedOnPaper: true })).body.attendance.signedOnPaper).toBe(true);
    expect((await put(teacher, learnerIds[2], { status: "excused" })).body.attendance.status).toBe("excused");
    await t.k.events.flush();
    const ev = await t.k.db
      .selectFrom("events")
      .selectAll()
      .where("tenant_id", "=", p.tenantId)
      .where("verb", "=", "attended")
      .where("object_id", "=", s.id)
      .execute();
    expect(ev.map((e) => e.actor_id).sort()).toEqual([learnerIds[0], learnerIds[1]].sort());
  });

  it("checks signatures server-side", async () => {
    const notPng = await put(teacher, learnerIds[0], {
      status: "present",
      signature: `data:image/png;base64,${Buffer.from("GIF89a not a png at all......").toString("base64")}`,
    });
    expect(notPng.status).toBe(422);
    expect(notPng.body.error.fields.signature).toBe("La signature doit être une image PNG.");
    const jpeg = await put(teacher, learnerIds[0], { status: "present", signature: "data:image/jpeg;base64,AAAA" });
    expect(jpeg.status).toBe(422);
    const big = `data:image/png;base64,${Buffer.concat([Buffer.from(PNG.split(",")[1], "base64"), Buffer.alloc(101 * 1024)]).toString("base64")}`;
    const tooBig = await put(teacher, learnerIds[0], { status: "present", signature: big });
    expect(tooBig.status).toBe(422);
  });

  it("is for teachers: a learner gets 403, another platform 404, someone not registered 404", async () => {
    expect((await put(L[0], learnerIds[0], { status: "present" })).status).toBe(403);
    expect((await put(otherAdmin, learnerIds[0], { status: "present" })).status).toBe(404);
    expect((await put(teacher, learnerIds[3], { status: "present" })).status).toBe(404);
    expect((await L[0].get(`${base()}/${s.id}/registrations`)).status).toBe(403);
  });

  it("gives the sheet as a PDF to teachers only", async () => {
    const r = await teacher.get(`${base()}/${s.id}/attendance.pdf`);
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/pdf");
    const res = await t.app.inject({
      method: "GET",
      url: `${base()}/${s.id}/attendance.pdf`,
      headers: { host: p.host, cookie: [...teacher.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.subarray(-6).toString()).toContain("%%EOF");
    expect((pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length).toBe(1);
    expect((await L[0].get(`${base()}/${s.id}/attendance.pdf`)).status).toBe(403);
    expect((await otherAdmin.get(`${base()}/${s.id}/attendance.pdf`)).status).toBe(404);
  });

  it("writes names, statuses, totals and signatures into the sheet", async () => {
    const people = Array.from({ length: 30 }, (_, i) => ({
      name: `Personne ${i + 1} Élodie`,
      status: (["present", "absent", "excused", null] as const)[i % 4],
      signature: i % 4 === 0 ? PNG : null,
      signedOnPaper: false,
    }));
    const pdf = await attendanceSheet(
      {
        platformName: "Plateforme blend",
        color: "#1d4ed8",
        courseTitle: "Premiers secours",
        session: { title: "Atelier", kind: "in-person", startsAt: new Date(), endsAt: new Date(Date.now() + 3600_000), place: "Brest", videoUrl: null },
        people,
        generatedAt: new Date(),
      },
      "fr",
      { compress: false },
    );
    const text = pdfText(pdf);
    for (const s of [
      "Plateforme blend",
      "Feuille d’émargement",
      "Cours : Premiers secours",
      "Séance : Atelier",
      "Personne 1 Élodie",
      "Personne 30 Élodie",
      "Excusé·e",
      "Généré le",
    ])
      expect(text).toContain(s);
    expect(text).toContain("30 inscrit·es : 8 présent·es, 8 absent·es, 7 excusé·es, 7 non relevé·es");
    expect((pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(1);
    expect((pdf.toString("latin1").match(/\/Subtype \/Image/g) ?? []).length).toBeGreaterThanOrEqual(1);
  });
});

describe("query counts", () => {
  it("lists sessions with the same number of queries for 2 and for 20 sessions", async () => {
    const other = await makeCourse(p.tenantId, p.rootOrgId, learnerIds[0], learnerIds.slice(1));
    const count = async () => (await countSteady(() => L[1].get(`/api/v1/courses/${other}/sessions`))).count;
    const teacherOf = await signedIn(t.app, { host: p.host }, "learner1");
    const add = async (n: number) => {
      for (let i = 0; i < n; i++)
        await teacherOf.post(`/api/v1/courses/${other}/sessions`, {
          title: `S${i}`,
          kind: "online",
          startsAt: at(DAY),
          endsAt: at(DAY + 3600_000),
          videoUrl: "https://v.example",
        });
    };
    await add(2);
    const few = await count();
    await add(18);
    expect(await count()).toBe(few);
    expect(few).toBeLessThanOrEqual(6);
  });
});

describe("course catalogue page", () => {
  it("lists the course's upcoming sessions", async () => {
    const about = await L[0].get(`/api/v1/courses/${courseId}/about`);
    expect(about.status, JSON.stringify(about.body)).toBe(200);
    expect(about.body.sessions.length).toBeGreaterThan(3);
    expect(about.body.sessions[0]).toMatchObject({ courseId, kind: expect.any(String), taken: expect.any(Number) });
  });
});
