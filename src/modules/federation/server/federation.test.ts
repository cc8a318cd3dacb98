import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser } from "../../../../test/factories.ts";
import { type Client, countSteady, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { enrolDirect, makeCourse, makeItem, makeSection } from "../../enrolment/server/test-fixtures.ts";

let t: TestApp;
let a: Awaited<ReturnType<typeof makePlatform>>;
let b: Awaited<ReturnType<typeof makePlatform>>;
let adminA: Client;
let adminB: Client;
let teacherA: Client;
let learnerB: Client;
let teacherB: Client;
let learnerA: Client;
let otherTeacherB: Client;
const X = {} as { id: string; items: string[]; section: string; assignment: string; submission: string; page: string; file: string };
const Y = {} as { id: string };
let agreementId: string;
const today = new Date().toISOString().slice(0, 10);
const nextYear = `${new Date().getUTCFullYear() + 1}-12-31`;

beforeAll(async () => {
  t = await testApp();
  a = await makePlatform(t.k, "fa");
  b = await makePlatform(t.k, "fb");
  const teacher = await makeUser(t.k, a.tenantId, a.rootOrgId, "tina", "teacher");
  const localLearner = await makeUser(t.k, a.tenantId, a.rootOrgId, "lou");
  await makeUser(t.k, b.tenantId, b.rootOrgId, "lea");
  await makeUser(t.k, b.tenantId, b.rootOrgId, "theo", "teacher");
  await makeUser(t.k, b.tenantId, b.rootOrgId, "tom", "teacher");
  X.id = (await makeCourse(t.k, a.tenantId, a.rootOrgId, { title: "Granted course", selfEnrol: "closed" })).id;
  const s = await makeSection(t.k, a.tenantId, X.id);
  X.section = s.id;
  X.items = [
    (await makeItem(t.k, a.tenantId, X.id, s.id, 0, { title: "Lesson one" })).id,
    (await makeItem(t.k, a.tenantId, X.id, s.id, 1, { title: "Lesson two" })).id,
  ];
  Y.id = (await makeCourse(t.k, a.tenantId, a.rootOrgId, { title: "Private course" })).id;
  await enrolDirect(t.k, a.tenantId, X.id, teacher.id, "teacher");
  await enrolDirect(t.k, a.tenantId, X.id, localLearner.id);
  adminA = await signedIn(t.app, { host: a.host }, a.adminLogin);
  adminB = await signedIn(t.app, { host: b.host }, b.adminLogin);
  teacherA = await signedIn(t.app, { host: a.host }, "tina");
  learnerB = await signedIn(t.app, { host: b.host }, "lea");
  teacherB = await signedIn(t.app, { host: b.host }, "theo");
  otherTeacherB = await signedIn(t.app, { host: b.host }, "tom");
  learnerA = await signedIn(t.app, { host: a.host }, "lou");
});
afterAll(() => t.close());

const proposal = (over: Record<string, unknown> = {}) => ({
  partnerId: b.tenantId,
  browse: true,
  enrolCourseIds: [X.id],
  coteachCourseIds: [X.id],
  startsOn: today,
  endsOn: nextYear,
  ...over,
});

describe("agreements", () => {
  it("are proposed by an admin of the granting platform, naming only its own courses", async () => {
    expect((await teacherA.post("/api/v1/federation/agreements", proposal())).status).toBe(403);
    expect((await learnerB.get("/api/v1/federation/agreements")).status).toBe(403);
    const bad = await adminA.post("/api/v1/federation/agreements", proposal({ startsOn: nextYear, endsOn: today }));
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(["endsOn"]);
    expect((await adminA.post("/api/v1/federation/agreements", proposal({ partnerId: a.tenantId }))).body.error.fields).toHaveProperty("partnerId");
    // a course id of another platform is not one of A's courses
    const foreign = (await makeCourse(t.k, b.tenantId, b.rootOrgId, { title: "B's own" })).id;
    expect((await adminA.post("/api/v1/federation/agreements", proposal({ enrolCourseIds: [foreign] }))).status).toBe(422);
    expect((await adminA.post("/api/v1/federation/agreements", proposal({ browse: false, enrolCourseIds: [], coteachCourseIds: [] }))).status).toBe(422);
    const partners = (await adminA.get("/api/v1/federation/platforms")).body.items;
    expect(partners.map((p: { id: string }) => p.id)).toContain(b.tenantId);
    expect(partners.map((p: { id: string }) => p.id)).not.toContain(a.tenantId);
    const r = await adminA.post("/api/v1/federation/agreements", proposal());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      side: "grantor",
      status: "proposed",
      inForce: false,
      partner: { id: b.tenantId, name: "Plateforme fb" },
      enrol: [{ id: X.id, title: "Granted course" }],
    });
    agreementId = r.body.id;
  });

  it("are seen by both sides; only the receiving side accepts", async () => {
    const onB = (await adminB.get("/api/v1/federation/agreements")).body.items;
    expect(onB).toEqual([
      expect.objectContaining({ id: agreementId, side: "grantee", status: "proposed", partner: { id: a.tenantId, name: "Plateforme fa" } }),
    ]);
    expect((await adminA.post(`/api/v1/federation/agreements/${agreementId}/accept`)).status).toBe(403);
    // before acceptance nothing is open to B's people, and their navigation has no partner courses
    expect((await learnerB.get("/api/v1/federation/courses")).body.items).toEqual([]);
    expect((await learnerB.get("/api/v1/me")).body.partnerCourses).toBe(false);
    expect((await learnerB.post(`/api/v1/federation/courses/${agreementId}/${X.id}/join`, { role: "learner" })).status).toBe(404);
    const r = await adminB.post(`/api/v1/federation/agreements/${agreementId}/accept`);
    expect(r.body).toMatchObject({ status: "accepted", inForce: true });
    expect((await adminB.post(`/api/v1/federation/agreements/${agreementId}/accept`)).status).toBe(409);
    expect((await adminA.get("/api/v1/federation/agreements")).body.items[0]).toMatchObject({ status: "accepted", inForce: true });    // in force: B's people have partner courses (from /me, no other query); A, the granting side, has none
    expect((await learnerB.get("/api/v1/me")).body.partnerCourses).toBe(true);
    expect((await teacherA.get("/api/v1/me")).body.partnerCourses).toBe(false);
  });

  it("a declined proposal opens nothing", async () => {
    const p = await adminA.post("/api/v1/federation/agreements", proposal({ enrolCourseIds: [Y.id], coteachCourseIds: [] }));
    expect((await adminB.post(`/api/v1/federation/agreements/${p.body.id}/decline`)).body.status).toBe("declined");
    expect((await learnerB.post(`/api/v1/federation/courses/${p.body.id}/${Y.id}/join`, { role: "learner" })).status).toBe(404);
  });

  it("an agreement whose dates have not begun opens nothing", async () => {
    const p = await adminA.post(
      "/api/v1/federation/agreements",
      proposal({ enrolCourseIds: [Y.id], coteachCourseIds: [], startsOn: nextYear, endsOn: nextYear }),
    );
    expect((await adminB.post(`/api/v1/federation/agreements/${p.body.id}/accept`)).body).toMatchObject({ status: "accepted", inForce: false });
    expect((await learnerB.post(`/api/v1/federation/courses/${p.body.id}/${Y.id}/join`, { role: "learner" })).status).toBe(404);
  });
});

describe("a cross-platform course", () => {
  it("shows B's learner the granted course only, to enrol in from B", async () => {
    const list = (await learnerB.get("/api/v1/federation/courses")).body.items;
    // X to enrol in; with the browse right, A's catalogue for everyone (Y) to read about, not to join
    expect(list).toEqual([
      { agreementId, courseId: X.id, platform: "Plateforme fa", title: "Granted course", summary: "", role: "learner", enrolled: false },
      { agreementId, courseId: Y.id, platform: "Plateforme fa", title: "Private course", summary: "", role: "browse", enrolled: false },
    ]);
    expect((await learnerB.post(`/api/v1/federation/courses/${agreementId}/${Y.id}/join`, { role: "learner" })).status).toBe(404);
    // co-teaching is for B's teachers
    expect((await learnerB.post(`/api/v1/federation/courses/${agreementId}/${X.id}/join`, { role: "teacher" })).status).toBe(403);
    expect((await learnerB.get(`/api/v1/federation/courses/${agreementId}/${X.id}`)).status).toBe(404);
    const r = await learnerB.post(`/api/v1/federation/courses/${agreementId}/${X.id}/join`, { role: "learner" });
    expect(r.body).toMatchObject({ enrolled: true, title: "Granted course" });
  });

  it("lets the learner open and complete items from B; A records it", async () => {
    const page = await learnerB.get(`/api/v1/federation/courses/${agreementId}/${X.id}`);
    expect(page.status).toBe(200);
    expect(page.body.platform).toBe("Plateforme fa");
    expect(page.body.roles).toEqual(["learner"]);
    expect(page.body.sections[0].items.map((i: { title: string }) => i.title)).toEqual(["Lesson one", "Lesson two"]);
    const item = await learnerB.get(`/api/v1/federation/courses/${agreementId}/${X.id}/items/${X.items[0]}`);
    expect(item.body.title).toBe("Lesson one");
    const done = await learnerB.post(`/api/v1/federation/courses/${agreementId}/${X.id}/items/${X.items[0]}/done`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ percent: 50, completed: 1, total: 2 });
    // the guest reaches no other course of A, even with its id, through the agreement's course
    expect((await learnerB.get(`/api/v1/federation/courses/${agreementId}/${Y.id}`)).status).toBe(404);
  });

  it("A's teacher sees the learner, labelled with their home platform, in the progress table", async () => {
    const table = (await teacherA.get(`/api/v1/courses/${X.id}/progress`)).body;
    const lea = table.learners.find((l: { username: string }) => l.username === "lea@fb");
    expect(lea).toMatchObject({ givenName: "lea", familyName: expect.stringMatching(/\(Plateforme fb\)$/), percent: 50 });
    expect(lea.cells[0]).not.toBeNull();
  });

  it("B's admin sees B's people in that course, and nobody else", async () => {
    const r = await adminB.get(`/api/v1/federation/agreements/${agreementId}/courses/${X.id}/people`);
    expect(r.body.items).toEqual([
      { userId: expect.any(String), name: expect.stringMatching(/^lea /), username: "lea", percent: 50, completedAt: null, grades: [] },
    ]);
    // a grade A's teacher released shows; one not released does not
    const guest = await t.k.db.selectFrom("federation_people").select("user_id").where("tenant_id", "=", a.tenantId).executeTakeFirstOrThrow();
    for (const [title, released] of [
      ["Quiz 1", true],
      ["Quiz 2", false],
    ] as const) {
      const itemId = newId();
      await t.k.db
        .insertInto("grade_items")
        .values({ tenant_id: a.tenantId, id: itemId, course_id: X.id, source_type: "manual", title, max_score: 20, released })
        .execute();
      await t.k.db
        .insertInto("grades")
        .values({ tenant_id: a.tenantId, grade_item_id: itemId, user_id: guest.user_id, course_id: X.id, score: 15, released })
        .execute();
    }
    expect((await adminB.get(`/api/v1/federation/agreements/${agreementId}/courses/${X.id}/people`)).body.items[0].grades).toEqual([
      { item: "Quiz 1", grade: "15 / 20" },
    ]);
    expect((await adminB.get(`/api/v1/federation/agreements/${agreementId}/courses/${Y.id}/people`)).status).toBe(404);
    expect((await learnerB.get(`/api/v1/federation/agreements/${agreementId}/courses/${X.id}/people`)).status).toBe(403);
  });

  it("lets B's teacher co-teach: the progress table of the co-taught course", async () => {
    expect((await teacherB.get(`/api/v1/federation/courses/${agreementId}/${X.id}/progress`)).status).toBe(404);
    expect((await teacherB.post(`/api/v1/federation/courses/${agreementId}/${X.id}/join`, { role: "teacher" })).status).toBe(200);
    const table = (await teacherB.get(`/api/v1/federation/courses/${agreementId}/${X.id}/progress`)).body;
    expect(table.learners.map((l: { username: string }) => l.username).sort()).toEqual(["lea@fb", "lou"]);
    expect((await learnerB.get(`/api/v1/federation/courses/${agreementId}/${X.id}/progress`)).status).toBe(403);
  });

  describe("co-teaching: content, marking and grading from B", () => {
    const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
    const base = () => `/api/v1/federation/courses/${agreementId}/${X.id}`;
    const asg = () => `${base()}/assignments/${X.assignment}`;
    const sub = () => `${asg()}/submissions/${X.submission}`;
    /** every co-teaching route of the assignment, with a valid body */
    const routes = (): [string, string, unknown?][] => [
      ["GET", asg()],
      ["GET", `${asg()}/submissions`],
      ["GET", sub()],
      ["PUT", `${sub()}/grade`, { score: 1 }],
      ["POST", `${base()}/pages`, { sectionId: X.section, title: "Intruder", body: doc("x") }],
      ["PATCH", `${base()}/pages/${X.items[0]}`, { title: "Intruder" }],
    ];
    const statuses = async (c: Client, list = routes()) => Promise.all(list.map(async ([m, u, body]) => (await c.request(m, u, body)).status));

    beforeAll(async () => {
      // A's teacher sets an assignment in the course; A's own learner submits it
      const created = await teacherA.post(`/api/v1/courses/${X.id}/assignments`, { sectionId: X.section, title: "Lab report", fileSubmissions: true });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      X.assignment = created.body.item.id;
      const path = `/api/v1/courses/${X.id}/assignments/${X.assignment}/submission`;
      // with a PDF attached, uploaded on A as browsers do (multipart)
      const boundary = "----archipelcoteach";
      const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n%âãÏÓ\n"), Buffer.alloc(1000, 0x20), Buffer.from("\n%%EOF\n")]);
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="measures.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        pdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const up = await learnerA.request("POST", "/api/v1/files?purpose=document", payload, { "content-type": `multipart/form-data; boundary=${boundary}` });
      expect(up.status, JSON.stringify(up.body)).toBe(200);
      X.file = up.body.id;
      const saved = await learnerA.put(path, { text: doc("Lou's measurements"), fileIds: [X.file], revision: 0 });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect((await learnerA.post(`${path}/submit`, { revision: saved.body.revision })).status).toBe(200);
      const rows = (await teacherA.get(`/api/v1/courses/${X.id}/assignments/${X.assignment}/submissions`)).body.rows;
      X.submission = rows.find((r: { name: string | null }) => r.name?.startsWith("lou")).id;
    });

    it("shows the co-teacher the whole course as its teachers see it", async () => {
      const page = await teacherB.get(base());
      expect(page.status).toBe(200);
      expect(page.body.roles).toEqual(["teacher"]);
      expect(page.body.capabilities).toMatchObject({ view: true, teach: true });
      expect(page.body.sections[0].items.map((i: { title: string }) => i.title)).toEqual(["Lesson one", "Lesson two", "Lab report"]);
    });

    it("lets the co-teacher see the assignment and every submission, and read one", async () => {
      const view = await teacherB.get(asg());
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ item: { id: X.assignment, title: "Lab report" }, canGrade: true, isLearner: false });
      const list = await teacherB.get(`${asg()}/submissions`);
      expect(list.body.rows).toContainEqual(expect.objectContaining({ id: X.submission, status: "submitted", graded: false }));
      const one = await teacherB.get(sub());
      expect(one.body.textHtml).toContain("measurements");
      expect(one.body.files).toEqual([expect.objectContaining({ id: X.file, name: "measures.pdf" })]);
      // the attachment comes from A through the co-teaching door
      const file = await teacherB.get(`${base()}/files/${X.file}`);
      expect(file.status).toBe(200);
      expect(file.headers["content-disposition"]).toContain("measures.pdf");
      // not through B's own file route, not as another course's file, not for an unknown id
      expect((await teacherB.get(`/api/v1/files/${X.file}`)).status).toBe(404);
      expect((await teacherB.get(`/api/v1/federation/courses/${agreementId}/${Y.id}/files/${X.file}`)).status).toBe(404);
      expect((await teacherB.get(`${base()}/files/${newId()}`)).status).toBe(404);
      // B's learner: the course's item files only, never a submission's attachment
      expect((await learnerB.get(`${base()}/files/${X.file}`)).status).toBe(404);
    });

    it("gives B's learner the files of the course's items", async () => {
      const boundary = "----archipelhandout";
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="handout.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(500, 0x20), Buffer.from("\n%%EOF\n")]),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const up = await teacherA.request("POST", "/api/v1/files?purpose=document", payload, { "content-type": `multipart/form-data; boundary=${boundary}` });
      expect(up.status, JSON.stringify(up.body)).toBe(200);
      const item = await teacherA.post(`/api/v1/courses/${X.id}/items`, { sectionId: X.section, kind: "file", title: "Handout", fileId: up.body.id });
      expect(item.status, JSON.stringify(item.body)).toBe(200);
      const got = await learnerB.get(`${base()}/files/${up.body.id}`);
      expect(got.status).toBe(200);
      expect(got.headers["content-disposition"]).toContain("handout.pdf");
      expect((await learnerB.get(`/api/v1/files/${up.body.id}`)).status).toBe(404); // not through B's own file route
      expect((await teacherA.del(`/api/v1/courses/${X.id}/items/${item.body.id}`)).status).toBe(200);
      expect((await learnerB.get(`${base()}/files/${up.body.id}`)).status).toBe(404);
    });

    it("lets the co-teacher grade with feedback; A sees the grade, given under the co-teacher's name and platform", async () => {
      const bad = await teacherB.put(`${sub()}/grade`, { score: 1000 });
      expect(bad.status).toBe(422);
      const r = await teacherB.put(`${sub()}/grade`, { score: 15, feedback: doc("Clear method") });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ score: 15, graded: true, feedbackHtml: expect.stringContaining("Clear method") });
      // the feedback files of the host are not reachable from B: the contract does not take them
      const onA = (await teacherA.get(`/api/v1/courses/${X.id}/assignments/${X.assignment}/submissions/${X.submission}`)).body;
      expect(onA).toMatchObject({ score: 15, graded: true });
      const grader = await t.k.db
        .selectFrom("assignment_submissions as s")
        .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "s.tenant_id").onRef("u.id", "=", "s.graded_by"))
        .select(["u.username", "u.family_name"])
        .where("s.tenant_id", "=", a.tenantId)
        .where("s.id", "=", X.submission)
        .executeTakeFirstOrThrow();
      expect(grader).toEqual({ username: "theo@fb", family_name: expect.stringMatching(/\(Plateforme fb\)$/) });
    });

    it("lets the co-teacher add a page to a section and edit it, through A's own course editing rules", async () => {
      const added = await teacherB.post(`${base()}/pages`, { sectionId: X.section, title: "Safety briefing", body: doc("Gloves on") });
      expect(added.status, JSON.stringify(added.body)).toBe(200);
      expect(added.body).toMatchObject({ kind: "page", title: "Safety briefing", bodyHtml: expect.stringContaining("Gloves on") });
      X.page = added.body.id;
      // a section of another course, or no title: 422 with the field named
      expect((await teacherB.post(`${base()}/pages`, { sectionId: newId(), title: "x", body: doc("x") })).body.error.fields).toHaveProperty("sectionId");
      expect((await teacherB.post(`${base()}/pages`, { sectionId: X.section, title: " ", body: doc("x") })).status).toBe(422);
      expect((await teacherB.post(`${base()}/pages`, { sectionId: X.section, title: "No text" })).body.error.fields).toHaveProperty("body");
      const edited = await teacherB.patch(`${base()}/pages/${X.page}`, { title: "Safety briefing (v2)", body: doc("Gloves and goggles on") });
      expect(edited.body).toMatchObject({ title: "Safety briefing (v2)", bodyHtml: expect.stringContaining("goggles") });
      // only pages: an assignment keeps its own editor on A
      expect((await teacherB.patch(`${base()}/pages/${X.assignment}`, { title: "Renamed" })).status).toBe(404);
      // A's course has the page, for A's teacher and learners alike
      const onA = (await teacherA.get(`/api/v1/courses/${X.id}`)).body;
      expect(onA.sections[0].items.map((i: { title: string }) => i.title)).toContain("Safety briefing (v2)");
      const opened = await learnerA.get(`/api/v1/courses/${X.id}/items/${X.page}`);
      expect(opened.body.bodyHtml).toContain("goggles");
    });

    it("serves the co-teacher's course page and marking list in a number of queries that does not grow with the learners", async () => {
      const read = () => Promise.all([teacherB.get(base()), teacherB.get(`${asg()}/submissions`)]);
      const few = await countSteady(read);
      for (const n of [1, 2, 3, 4, 5]) {
        const u = await makeUser(t.k, a.tenantId, a.rootOrgId, `extra${n}`);
        await enrolDirect(t.k, a.tenantId, X.id, u.id);
      }
      const many = await countSteady(read);
      expect(many.result[1].body.rows.length).toBeGreaterThan(few.result[1].body.rows.length);
      expect(many.count).toBe(few.count);
    });

    it("refuses B's learner, a B teacher who did not join, and another course", async () => {
      // a learner of B (enrolled in the course) has no teacher grant at home: 403
      expect(await statuses(learnerB)).toEqual([403, 403, 403, 403, 403, 403]);
      // a teacher of B who did not join the teaching team: 404, as for a course they do not teach
      expect(await statuses(otherTeacherB)).toEqual([404, 404, 404, 404, 404, 404]);
      // a course the agreement does not name for co-teaching, with this course's item ids
      const other = routes().map(([m, u, body]) => [m, u.replace(X.id, Y.id), body] as [string, string, unknown?]);
      expect(await statuses(teacherB, other)).toEqual([404, 404, 404, 404, 404, 404]);
      // an agreement that does not exist
      const none = routes().map(([m, u, body]) => [m, u.replace(agreementId, newId()), body] as [string, string, unknown?]);
      expect(await statuses(teacherB, none)).toEqual([404, 404, 404, 404, 404, 404]);
      // nothing was written by the refused calls
      const titles = (await teacherA.get(`/api/v1/courses/${X.id}`)).body.sections[0].items.map((i: { title: string }) => i.title);
      expect(titles).not.toContain("Intruder");
      // an item of the course that is no assignment
      expect((await teacherB.get(`${base()}/assignments/${X.items[0]}/submissions`)).status).toBe(404);
    });

    it("a second agreement naming the course opens co-teaching only while in force", async () => {
      const p = await adminA.post("/api/v1/federation/agreements", proposal({ browse: false, enrolCourseIds: [], coteachCourseIds: [X.id] }));
      const swap = () => routes().map(([m, u, body]) => [m, u.replace(agreementId, p.body.id), body] as [string, string, unknown?]);
      // proposed, not accepted
      expect(await statuses(teacherB, swap())).toEqual([404, 404, 404, 404, 404, 404]);
      await adminB.post(`/api/v1/federation/agreements/${p.body.id}/accept`);
      expect(await statuses(teacherB, swap().slice(0, 3))).toEqual([200, 200, 200]);
      // expired: its dates are over (both copies, as the agreement says)
      await t.k.db
        .updateTable("federation_agreements")
        .set({ starts_on: "2020-01-01", ends_on: "2020-12-31" })
        .where("tenant_id", "in", [a.tenantId, b.tenantId])
        .where("id", "=", p.body.id)
        .execute();
      expect(await statuses(teacherB, swap())).toEqual([404, 404, 404, 404, 404, 404]);
    });
  });

  it("lists partner courses in a bounded number of queries", async () => {
    const { count } = await countSteady(() => learnerB.get("/api/v1/federation/courses"));
    expect(count).toBeLessThanOrEqual(12);
  });

  it("is logged on both sides", async () => {
    for (const c of [adminA, adminB]) {
      const actions = (await c.get("/api/v1/federation/audit")).body.items
        .filter((e: { agreementId: string }) => e.agreementId === agreementId)
        .map((e: { action: string }) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining(["proposed", "accepted", "enrolled", "completed_item", "joined_teaching", "graded_submission", "added_page", "edited_page"]),
      );
    }
  });

  it("revoking ends access at once and deletes no work", async () => {
    expect((await learnerB.post(`/api/v1/federation/agreements/${agreementId}/revoke`)).status).toBe(403);
    expect((await adminA.post(`/api/v1/federation/agreements/${agreementId}/revoke`)).body.status).toBe("revoked");
    expect((await adminB.get("/api/v1/federation/agreements")).body.items.find((x: { id: string }) => x.id === agreementId).status).toBe("revoked");
    expect((await learnerB.get(`/api/v1/federation/courses/${agreementId}/${X.id}`)).status).toBe(404);
    expect((await learnerB.post(`/api/v1/federation/courses/${agreementId}/${X.id}/items/${X.items[1]}/done`)).status).toBe(404);
    expect((await teacherB.get(`/api/v1/federation/courses/${agreementId}/${X.id}/progress`)).status).toBe(404);
    // co-teaching ends with it: the course page, the assignment, its submissions, grading
    const asg = `/api/v1/federation/courses/${agreementId}/${X.id}/assignments/${X.assignment}`;
    for (const [m, u, body] of [
      ["GET", `/api/v1/federation/courses/${agreementId}/${X.id}`],
      ["GET", asg],
      ["GET", `${asg}/submissions`],
      ["GET", `${asg}/submissions/${X.submission}`],
      ["PUT", `${asg}/submissions/${X.submission}/grade`, { score: 2 }],
      ["POST", `/api/v1/federation/courses/${agreementId}/${X.id}/pages`, { sectionId: X.section, title: "After", body: { type: "doc" } }],
      ["PATCH", `/api/v1/federation/courses/${agreementId}/${X.id}/pages/${X.page}`, { title: "After" }],
      ["GET", `/api/v1/federation/courses/${agreementId}/${X.id}/files/${X.file}`],
    ] as [string, string, unknown?][])
      expect((await teacherB.request(m, u, body)).status, `${m} ${u}`).toBe(404);
    // the grade the co-teacher gave stays, with its feedback
    const graded = (await teacherA.get(`/api/v1/courses/${X.id}/assignments/${X.assignment}/submissions/${X.submission}`)).body;
    expect(graded).toMatchObject({ score: 15, graded: true, feedbackHtml: expect.stringContaining("Clear method") });
    // and so does the page they wrote
    expect((await teacherA.get(`/api/v1/courses/${X.id}`)).body.sections[0].items.map((i: { title: string }) => i.title)).toContain("Safety briefing (v2)");
    expect((await learnerB.get("/api/v1/federation/courses")).body.items).toEqual([]);
    // A's teacher still sees the work
    const table = (await teacherA.get(`/api/v1/courses/${X.id}/progress`)).body;
    expect(table.learners.find((l: { username: string }) => l.username === "lea@fb").cells[0]).not.toBeNull();
    // the learner keeps a read-only record on B
    const record = (await learnerB.get("/api/v1/federation/record")).body.items;
    expect(record).toEqual([
      {
        courseId: X.id,
        agreementId,
        platform: "Plateforme fa",
        title: "Granted course",
        role: "learner",
        open: false,
        items: [{ id: X.items[0], title: "Lesson one", doneAt: expect.any(String) }],
      },
    ]);
    expect((await adminB.post(`/api/v1/federation/agreements/${agreementId}/accept`)).status).toBe(409);
    // the learner keeps partner courses in their navigation, for that record; B's other learners lose it
    expect((await learnerB.get("/api/v1/me")).body.partnerCourses).toBe(true);
    await makeUser(t.k, b.tenantId, b.rootOrgId, "noa");
    expect((await (await signedIn(t.app, { host: b.host }, "noa")).get("/api/v1/me")).body.partnerCourses).toBe(false);
  });

  it("a co-teaching agreement gives partner courses to teachers only", async () => {
    const c = await makePlatform(t.k, "fc");
    await makeUser(t.k, c.tenantId, c.rootOrgId, "cleo");
    await makeUser(t.k, c.tenantId, c.rootOrgId, "carl", "teacher");
    const adminC = await signedIn(t.app, { host: c.host }, c.adminLogin);
    const learnerC = await signedIn(t.app, { host: c.host }, "cleo");
    const teacherC = await signedIn(t.app, { host: c.host }, "carl");
    const p = await adminA.post("/api/v1/federation/agreements", proposal({ partnerId: c.tenantId, browse: false, enrolCourseIds: [] }));
    expect(p.status).toBe(200);
    expect((await adminC.post(`/api/v1/federation/agreements/${p.body.id}/accept`)).body.inForce).toBe(true);
    expect((await teacherC.get("/api/v1/me")).body.partnerCourses).toBe(true);
    expect((await learnerC.get("/api/v1/me")).body.partnerCourses).toBe(false);
  });
});

describe("support grants", () => {
  let operator: Client;
  let operatorId: string;
  const mailTo = "secret@fb.test";
  beforeAll(async () => {
    const ops = await makePlatform(t.k, "fops", { operator: true });
    operatorId = ops.adminId;
    operator = await signedIn(t.app, { host: ops.host }, ops.adminLogin);
    await t.k.db
      .insertInto("mail_outbox")
      .values({
        tenant_id: b.tenantId,
        id: newId(),
        to_address: mailTo,
        subject: "B's private mail",
        text_body: "x",
        html_body: "x",
        status: "kept",
        error: null,
        attachments: null,
      })
      .execute();
  });
  const visible = async () => (await operator.get(`/api/v1/outbox?to=${mailTo}`)).body.items.length;

  it("without one, the operator reads none of the platform's mails", async () => {
    expect(await visible()).toBe(0);
  });

  it("are given by the platform's admin, to one operator, for a time, and logged", async () => {
    expect((await learnerB.get("/api/v1/federation/operators")).status).toBe(403);
    const ops = (await adminB.get("/api/v1/federation/operators")).body.items;
    expect(ops).toContainEqual({ id: operatorId, name: "Ada FOPS" });
    expect((await adminB.post("/api/v1/federation/support-grants", { operatorId, hours: 0 })).status).toBe(422);
    expect((await adminB.post("/api/v1/federation/support-grants", { operatorId: newId(), hours: 2 })).status).toBe(422);
    const g = await adminB.post("/api/v1/federation/support-grants", { operatorId, hours: 2 });
    expect(g.body).toMatchObject({ operator: { id: operatorId }, active: true, revokedAt: null });
    expect(await visible()).toBe(1);
    const log = (await adminB.get("/api/v1/federation/audit")).body.items.map((e: { action: string }) => e.action);
    expect(log).toEqual(expect.arrayContaining(["support_granted", "support_read"]));
    // A gave no grant: A's log has no read, and A's mails stay hidden
    expect((await adminA.get("/api/v1/federation/audit")).body.items.map((e: { action: string }) => e.action)).not.toContain("support_read");
    // another platform's admin cannot revoke B's grant
    expect((await adminA.post(`/api/v1/federation/support-grants/${g.body.id}/revoke`)).status).toBe(404);
    expect((await adminB.post(`/api/v1/federation/support-grants/${g.body.id}/revoke`)).body).toMatchObject({ active: false, revokedAt: expect.any(String) });
    expect(await visible()).toBe(0);
  });

  it("end by themselves when their time is up", async () => {
    const g = await adminB.post("/api/v1/federation/support-grants", { operatorId, hours: 1 });
    expect(await visible()).toBe(1);
    await t.k.db
      .updateTable("support_grants")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("tenant_id", "=", b.tenantId)
      .where("id", "=", g.body.id)
      .execute();
    expect(await visible()).toBe(0);
    expect((await adminB.get("/api/v1/federation/support-grants")).body.items[0]).toMatchObject({ id: g.body.id, active: false });
  });
});
