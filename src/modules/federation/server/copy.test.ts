import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { type Client, countSteady, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { enrolDirect, makeCourse } from "../../enrolment/server/test-fixtures.ts";
import { insertSampleQuestions } from "../../quizzes/server/sample-questions.ts";

/**
 * The "copy" right end to end: platform A grants B the copy of one course; B's admin (or a teacher
 * of B on a node where they may create courses) copies it onto a node of B. Every refusal is
 * checked with its status and its localized message; the success checks the copy's content, its
 * files' bytes now on B, its quiz (questions now in B's bank) and assignment (rubric) usable on B,
 * its note of origin, both logs, and that A's course is untouched.
 */

/** A multipart body with one `file` part, as a browser sends it. */
function form(name: string, data: Buffer | string, type = "application/octet-stream") {
  const boundary = `----archipel${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.isBuffer(data) ? data : Buffer.from(data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
const upload = (c: Client, purpose: string, name: string, data: Buffer | string) => {
  const f = form(name, data);
  return c.request("POST", `/api/v1/files?purpose=${purpose}`, f.payload, f.headers);
};
/** A PDF of about 600 KiB: three chunks, so the copy moves more than one. */
const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n%âãÏÓ\n"), Buffer.alloc(600 * 1024, 0x41), Buffer.from("\n%%EOF\n")]);
const MP4 = (() => {
  const b = Buffer.alloc(5000);
  Buffer.from("000000186674797069736f6d0000020069736f6d69736f32", "hex").copy(b);
  for (let i = 24; i < b.length; i++) b[i] = (i * 7919) & 255;
  return b;
})();
const VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nBonjour\n";
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

let t: TestApp;
let a: Awaited<ReturnType<typeof makePlatform>>;
let b: Awaited<ReturnType<typeof makePlatform>>;
let adminA: Client;
let adminB: Client;
let teacherB: Client;
let learnerB: Client;
let linaId: string;
let deptB: { id: string; path: string };
let otherB: { id: string; path: string };
const X = {} as { id: string; pdf: string; video: string; captions: string; quiz: string };
let bank: Awaited<ReturnType<typeof insertSampleQuestions>>;
let drawBank: Awaited<ReturnType<typeof insertSampleQuestions>>;
const rubric = {
  kind: "rubric",
  criteria: [
    {
      id: "method",
      description: "Démarche expérimentale",
      levels: [
        { id: "m0", points: 0, description: "Absente" },
        { id: "m1", points: 10, description: "Complète" },
      ],
    },
  ],
};
let Y: string;
let agreementId: string;
const today = new Date().toISOString().slice(0, 10);
const nextYear = `${new Date().getUTCFullYear() + 1}-12-31`;
const copyUrl = (agreement: string, course: string) => `/api/v1/federation/copyable-courses/${agreement}/${course}/copy`;

/** Everything A holds about course X (course row, sections, items, members, files), to prove it unchanged. */
async function snapshotOfX() {
  const q = (table: string, where: string) =>
    sql<{ h: string }>`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${sql.table(table)} x
      where tenant_id = ${a.tenantId} and ${sql.raw(where)} = ${X.id}`.execute(t.k.db);
  const files = await sql<{
    h: string;
  }>`select md5(coalesce(string_agg(f::text, '|' order by f::text), '')) as h from files f where tenant_id = ${a.tenantId}`.execute(t.k.db);
  const chunks = await sql<{ n: number }>`select count(*)::int as n from file_chunks where tenant_id = ${a.tenantId}`.execute(t.k.db);
  return {
    course: (await q("courses", "id")).rows[0].h,
    sections: (await q("course_sections", "course_id")).rows[0].h,
    items: (await q("course_items", "course_id")).rows[0].h,
    members: (await q("course_members", "course_id")).rows[0].h,
    quizzes: (await q("quizzes", "course_id")).rows[0].h,
    assignments: (await q("assignments", "course_id")).rows[0].h,
    questions: (
      await sql<{
        h: string;
      }>`select md5(coalesce(string_agg(v::text, '|' order by v::text), '')) as h from question_versions v where tenant_id = ${a.tenantId}`.execute(t.k.db)
    ).rows[0].h,
    files: files.rows[0].h,
    chunks: chunks.rows[0].n,
  };
}

beforeAll(async () => {
  t = await testApp({ RATE_LIMIT_PER_MINUTE: "1000000" });
  a = await makePlatform(t.k, "cpa");
  b = await makePlatform(t.k, "cpb");
  adminA = await signedIn(t.app, { host: a.host }, a.adminLogin);
  adminB = await signedIn(t.app, { host: b.host }, b.adminLogin);
  const teacherA = await makeUser(t.k, a.tenantId, a.rootOrgId, "ana", "teacher");
  const learnerA = await makeUser(t.k, a.tenantId, a.rootOrgId, "leo");

  // A's course X: two sections, a page, a link, a file, a video with captions, an assignment and a quiz
  const course = await adminA.post("/api/v1/courses", { orgId: a.rootOrgId, title: "Optique", summary: "La lumière et ses chemins" });
  X.id = course.body.id;
  expect((await adminA.patch(`/api/v1/courses/${X.id}`, { description: doc("Un cours de physique"), tags: ["physique"] })).status).toBe(200);
  const s1 = (await adminA.post(`/api/v1/courses/${X.id}/sections`, { title: "Réflexion" })).body.id;
  const s2 = (await adminA.post(`/api/v1/courses/${X.id}/sections`, { title: "Réfraction" })).body.id;
  X.pdf = (await upload(adminA, "document", "miroirs.pdf", PDF)).body.id;
  X.video = (await upload(adminA, "video", "prisme.mp4", MP4)).body.id;
  X.captions = (await upload(adminA, "captions", "prisme.vtt", VTT)).body.id;
  const add = async (body: object) => {
    const r = await adminA.post(`/api/v1/courses/${X.id}/items`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  await add({ sectionId: s1, kind: "page", title: "Le miroir plan", body: doc("Angle d’incidence égal à l’angle de réflexion.") });
  await add({ sectionId: s1, kind: "link", title: "Simulation", url: "https://example.org/optique" });
  await add({ sectionId: s1, kind: "file", title: "Fiche miroirs", fileId: X.pdf });
  await add({ sectionId: s2, kind: "video", title: "Le prisme", fileId: X.video, captionsFileId: X.captions });
  const asg = await adminA.post(`/api/v1/courses/${X.id}/assignments`, {
    sectionId: s2,
    title: "Compte rendu",
    instructions: doc("Décrivez l’expérience du prisme."),
    maxScore: 10,
    dueAt: `${nextYear}T18:00:00.000Z`,
    rubric,
  });
  expect(asg.status, JSON.stringify(asg.body)).toBe(200);
  // the quiz: two questions of A's bank and a slot drawing from another category
  bank = await insertSampleQuestions(t.k.db, a.tenantId, X.id, { types: ["single", "truefalse"], categoryName: "Optique" });
  drawBank = await insertSampleQuestions(t.k.db, a.tenantId, X.id, { types: ["numeric"], categoryName: "Calcul" });
  const quiz = await adminA.post(`/api/v1/courses/${X.id}/quizzes`, {
    sectionId: s2,
    title: "Quiz réfraction",
    attemptsAllowed: 3,
    closesAt: `${nextYear}T18:00:00.000Z`,
  });
  expect(quiz.status, JSON.stringify(quiz.body)).toBe(200);
  X.quiz = quiz.body.itemId;
  const slots = await adminA.put(`/api/v1/courses/${X.id}/quizzes/${X.quiz}/slots`, {
    slots: [...bank.questions.map((q) => ({ versionId: q.versionId, page: 1 })), { categoryId: drawBank.categoryId, page: 2 }],
  });
  expect(slots.status, JSON.stringify(slots.body)).toBe(200);
  expect((await adminA.patch(`/api/v1/courses/${X.id}`, { status: "published" })).status).toBe(200);
  await enrolDirect(t.k, a.tenantId, X.id, teacherA.id, "teacher");
  await enrolDirect(t.k, a.tenantId, X.id, learnerA.id);
  Y = (await makeCourse(t.k, a.tenantId, a.rootOrgId, { title: "Mécanique" })).id;

  // B: a department where Théo teaches, another department, a learner at the root
  deptB = await makeOrg(t.k, b.tenantId, rootOf(b), "Sciences");
  otherB = await makeOrg(t.k, b.tenantId, rootOf(b), "Lettres");
  await makeUser(t.k, b.tenantId, deptB.id, "theo", "teacher");
  linaId = (await makeUser(t.k, b.tenantId, b.rootOrgId, "lina")).id;
  teacherB = await signedIn(t.app, { host: b.host }, "theo");
  learnerB = await signedIn(t.app, { host: b.host }, "lina");

  const p = await adminA.post("/api/v1/federation/agreements", {
    partnerId: b.tenantId,
    copyCourseIds: [X.id],
    enrolCourseIds: [Y],
    startsOn: today,
    endsOn: nextYear,
  });
  expect(p.status, JSON.stringify(p.body)).toBe(200);
  agreementId = p.body.id;
}, 120_000);
afterAll(() => t.close());

/** The refusal's status, code and the French message the server wrote for it. */
async function refused(c: Client, url: string, body: object, status: number, code: string) {
  const r = await c.post(url, body);
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error.code).toBe(code);
  return r.body.error.message as string;
}

describe("copying a partner's course: refusals", () => {
  it("an agreement not yet accepted lets nothing be copied (403, said so); nothing is listed", async () => {
    const msg = await refused(adminB, copyUrl(agreementId, X.id), { orgId: b.rootOrgId }, 403, "federation.copy.not_in_force");
    expect(msg).toMatch(/n’est pas en vigueur/);
    expect((await adminB.get("/api/v1/federation/copyable-courses")).body.items).toEqual([]);
    expect((await adminB.post(`/api/v1/federation/agreements/${agreementId}/accept`)).body).toMatchObject({ status: "accepted", inForce: true });
  });

  it("no agreement: an unknown id, or one this platform grants rather than receives (404)", async () => {
    const msg = await refused(adminB, copyUrl(newId(), X.id), { orgId: b.rootOrgId }, 404, "federation.copy.no_agreement");
    expect(msg).toMatch(/n’existe pas sur cette plateforme/);
    // A's admin on A holds the grantor's side: copying from themselves under it is no agreement
    await refused(adminA, copyUrl(agreementId, X.id), { orgId: a.rootOrgId }, 404, "federation.copy.no_agreement");
  });

  it("a course the agreement does not name for copying (only for enrolment, or another platform's) is 404", async () => {
    await refused(adminB, copyUrl(agreementId, Y), { orgId: b.rootOrgId }, 404, "federation.copy.not_granted");
    const own = (await makeCourse(t.k, b.tenantId, b.rootOrgId, { title: "B's own" })).id;
    await refused(adminB, copyUrl(agreementId, own), { orgId: b.rootOrgId }, 404, "federation.copy.not_granted");
  });

  it("a node of another platform is 404; a node of B where the person may not create courses is 403", async () => {
    const msg = await refused(adminB, copyUrl(agreementId, X.id), { orgId: a.rootOrgId }, 404, "federation.copy.no_node");
    expect(msg).toMatch(/nœud/);
    await refused(adminB, copyUrl(agreementId, X.id), { orgId: newId() }, 404, "federation.copy.no_node");
    // Théo teaches in Sciences: not at the root, and Lettres is not his
    const node = await refused(teacherB, copyUrl(agreementId, X.id), { orgId: b.rootOrgId }, 403, "federation.copy.node_forbidden");
    expect(node).toMatch(/ne pouvez pas créer de cours sur ce nœud/);
    await refused(teacherB, copyUrl(agreementId, X.id), { orgId: otherB.id }, 404, "federation.copy.no_node");
  });

  it("a learner of B, who may create no course anywhere, is refused (403) and lists nothing", async () => {
    const msg = await refused(learnerB, copyUrl(agreementId, X.id), { orgId: b.rootOrgId }, 403, "federation.copy.no_right");
    expect(msg).toMatch(/droit de créer des cours/);
    expect((await learnerB.get("/api/v1/federation/copyable-courses")).status).toBe(403);
  });

  it("the messages follow the person's language", async () => {
    const en = await signedIn(t.app, { host: b.host, lang: "en" }, b.adminLogin);
    const r = await en.post(copyUrl(agreementId, Y), { orgId: b.rootOrgId });
    expect(r.body.error.message).toBe("This course is not one the agreement lets this platform copy.");
  });

  it("an agreement whose dates have not begun, or one revoked, lets nothing be copied (403)", async () => {
    const later = await adminA.post("/api/v1/federation/agreements", {
      partnerId: b.tenantId,
      copyCourseIds: [X.id],
      startsOn: nextYear,
      endsOn: nextYear,
    });
    expect((await adminB.post(`/api/v1/federation/agreements/${later.body.id}/accept`)).body.inForce).toBe(false);
    await refused(adminB, copyUrl(later.body.id, X.id), { orgId: b.rootOrgId }, 403, "federation.copy.not_in_force");
    const ended = await adminA.post("/api/v1/federation/agreements", { partnerId: b.tenantId, copyCourseIds: [X.id], startsOn: today, endsOn: nextYear });
    await adminB.post(`/api/v1/federation/agreements/${ended.body.id}/accept`);
    expect((await adminA.post(`/api/v1/federation/agreements/${ended.body.id}/revoke`)).body.status).toBe("revoked");
    await refused(adminB, copyUrl(ended.body.id, X.id), { orgId: b.rootOrgId }, 403, "federation.copy.not_in_force");
    // neither is listed: only the agreement in force is
    const listed = (await adminB.get("/api/v1/federation/copyable-courses")).body.items;
    expect(listed.map((c: { agreementId: string }) => c.agreementId)).toEqual([agreementId]);
  });
});

describe("copying a partner's course: the copy", () => {
  let copyId: string;
  let before: Awaited<ReturnType<typeof snapshotOfX>>;

  it("lists the course B may copy, with what a copy takes", async () => {
    const r = await adminB.get("/api/v1/federation/copyable-courses");
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([
      {
        agreementId,
        courseId: X.id,
        platform: "Plateforme cpa",
        title: "Optique",
        summary: "La lumière et ses chemins",
        sections: 2,
        items: 6,
        copies: [],
      },
    ]);
    // the teacher of a node sees it too
    expect((await teacherB.get("/api/v1/federation/copyable-courses")).body.items).toHaveLength(1);
  });

  it("B's admin copies it onto B's root: an independent draft with the content, the files' bytes on B, no people of A", async () => {
    before = await snapshotOfX();
    const r = await adminB.post(copyUrl(agreementId, X.id), { orgId: b.rootOrgId, title: "Optique (de cpa)" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ title: "Optique (de cpa)", files: 3, notCopied: [] });
    copyId = r.body.courseId;

    const page = await adminB.get(`/api/v1/courses/${copyId}`);
    expect(page.status).toBe(200);
    expect(page.body.course).toMatchObject({
      orgId: b.rootOrgId,
      title: "Optique (de cpa)",
      summary: "La lumière et ses chemins",
      status: "draft",
      tags: ["physique"],
      descriptionHtml: expect.stringContaining("Un cours de physique"),
    });
    const outline = page.body.sections.map((s: { title: string; items: { kind: string; title: string }[] }) => [
      s.title,
      s.items.map((i) => `${i.kind}:${i.title}`),
    ]);
    expect(outline).toEqual([
      ["Réflexion", ["page:Le miroir plan", "link:Simulation", "file:Fiche miroirs"]],
      ["Réfraction", ["video:Le prisme", "assignment:Compte rendu", "quiz:Quiz réfraction"]],
    ]);
    const items = page.body.sections.flatMap((s: { items: unknown[] }) => s.items) as {
      id: string;
      kind: string;
      url: string;
      fileId: string;
      captionsFileId: string;
    }[];
    const pageItem = await adminB.get(`/api/v1/courses/${copyId}/items/${items[0].id}`);
    expect(pageItem.body.bodyHtml).toContain("Angle d’incidence égal à l’angle de réflexion.");
    expect(items[1].url).toBe("https://example.org/optique");

    // the files are B's now: new ids, the same bytes, read on B's address
    const file = items.find((i) => i.kind === "file")!;
    const video = items.find((i) => i.kind === "video")!;
    for (const id of [file.fileId, video.fileId, video.captionsFileId]) expect([X.pdf, X.video, X.captions]).not.toContain(id);
    const pdf = await t.app.inject({
      method: "GET",
      url: `/api/v1/files/${file.fileId}`,
      headers: { host: b.host, cookie: [...adminB.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(pdf.statusCode).toBe(200);
    expect(Buffer.compare(pdf.rawPayload, PDF)).toBe(0);
    const onB = await t.k.db.selectFrom("files").select(["id", "owner_id", "status", "size", "name"]).where("tenant_id", "=", b.tenantId).execute();
    expect(onB.map((f) => [f.name, f.status, Number(f.size)]).sort()).toEqual(
      [
        ["miroirs.pdf", "ready", PDF.length],
        ["prisme.mp4", "ready", MP4.length],
        ["prisme.vtt", "ready", Buffer.byteLength(VTT)],
      ].sort(),
    );
    // the assignment opens on B with its settings and rubric, without A's due date
    const assignment = items.find((i) => i.kind === "assignment")!;
    const asg = await adminB.get(`/api/v1/courses/${copyId}/assignments/${assignment.id}`);
    expect(asg.status, JSON.stringify(asg.body)).toBe(200);
    expect(JSON.stringify(asg.body)).toContain("Décrivez l’expérience du prisme.");
    expect(JSON.stringify(asg.body)).toContain("Démarche expérimentale");
    const asgRow = await t.k.db
      .selectFrom("assignments")
      .selectAll()
      .where("tenant_id", "=", b.tenantId)
      .where("item_id", "=", assignment.id)
      .executeTakeFirstOrThrow();
    expect(asgRow).toMatchObject({ course_id: copyId, due_at: null });
    expect(Number(asgRow.max_score)).toBe(10);

    // the quiz arrives with its questions, now B's: new rows in the copy's own bank
    const quiz = items.find((i) => i.kind === "quiz")!;
    const settings = await adminB.get(`/api/v1/courses/${copyId}/quizzes/${quiz.id}`);
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    expect(settings.body.quiz).toMatchObject({ attemptsAllowed: 3, closesAt: null });
    const slots = await adminB.get(`/api/v1/courses/${copyId}/quizzes/${quiz.id}/slots`);
    expect(slots.body.items).toHaveLength(3);
    const bankB = await t.k.db
      .selectFrom("question_categories as c")
      .innerJoin("questions as q", (j) => j.onRef("q.tenant_id", "=", "c.tenant_id").onRef("q.category_id", "=", "c.id"))
      .select(["c.id", "q.id as question_id"])
      .where("c.tenant_id", "=", b.tenantId)
      .where("c.course_id", "=", copyId)
      .execute();
    expect(bankB).toHaveLength(3);
    const aIds = [bank.categoryId, drawBank.categoryId, ...[...bank.questions, ...drawBank.questions].map((q) => q.questionId)];
    for (const r of bankB) expect(aIds).not.toContain(r.question_id);
    const grades = await t.k.db
      .selectFrom("grade_items")
      .select(["course_item_id", "max_score"])
      .where("tenant_id", "=", b.tenantId)
      .where("course_id", "=", copyId)
      .orderBy("position")
      .execute();
    expect(grades.map((g) => [g.course_item_id, Number(g.max_score)])).toEqual([
      [assignment.id, 10],
      [quiz.id, 3],
    ]);

    // its only member is the person who copied it; none of A's people came along
    const members = await t.k.db
      .selectFrom("course_members")
      .select(["user_id", "role"])
      .where("tenant_id", "=", b.tenantId)
      .where("course_id", "=", copyId)
      .execute();
    expect(members).toEqual([{ user_id: b.adminId, role: "manager" }]);
    const guests = await t.k.db.selectFrom("federation_people").select("user_id").where("tenant_id", "in", [a.tenantId, b.tenantId]).execute();
    expect(guests).toEqual([]);
  });

  it("leaves A's course untouched, with no new member", async () => {
    expect(await snapshotOfX()).toEqual(before);
    const members = await t.k.db.selectFrom("course_members").select("user_id").where("tenant_id", "=", a.tenantId).where("course_id", "=", X.id).execute();
    expect(members).toHaveLength(3); // A's admin (creator), teacher and learner
  });

  it("the copy says where it came from, to its editors", async () => {
    const r = await adminB.get(`/api/v1/federation/copies/${copyId}`);
    expect(r.status).toBe(200);
    expect(r.body.origin).toMatchObject({ agreementId, platform: "Plateforme cpa", title: "Optique", copiedBy: "Ada CPB" });
    expect(Date.parse(r.body.origin.copiedAt)).toBeGreaterThan(Date.now() - 60_000);
    // a course of B not copied from a partner has no origin; a learner who cannot see the draft gets 404
    const own = (await adminB.post("/api/v1/courses", { orgId: b.rootOrgId, title: "Maison" })).body.id;
    expect((await adminB.get(`/api/v1/federation/copies/${own}`)).body).toEqual({ origin: null });
    expect((await learnerB.get(`/api/v1/federation/copies/${copyId}`)).status).toBe(404);
    // A's admin, on A, does not reach B's course
    expect((await adminA.get(`/api/v1/federation/copies/${copyId}`)).status).toBe(404);
  });

  it("both platforms' logs record the copy", async () => {
    for (const admin of [adminA, adminB]) {
      const log = (await admin.get("/api/v1/federation/audit")).body.items;
      expect(log[0]).toMatchObject({
        agreementId,
        action: "copied",
        platform: "Plateforme cpb",
        actor: "Ada CPB",
        detail: { course: "Optique", copy: "Optique (de cpa)" },
      });
    }
  });

  it("a teacher copies onto their own node; the list shows each person their copies (all of them to the admin)", async () => {
    const r = await teacherB.post(copyUrl(agreementId, X.id), { orgId: deptB.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.title).toBe("Optique");
    const page = await teacherB.get(`/api/v1/courses/${r.body.courseId}`);
    expect(page.body.course.orgId).toBe(deptB.id);
    expect(page.body.capabilities.edit).toBe(true);
    const mine = (await teacherB.get("/api/v1/federation/copyable-courses")).body.items[0].copies;
    expect(mine.map((c: { courseId: string }) => c.courseId)).toEqual([r.body.courseId]);
    const all = (await adminB.get("/api/v1/federation/copyable-courses")).body.items[0].copies;
    expect(all.map((c: { courseId: string; title: string }) => [c.courseId, c.title])).toEqual([
      [copyId, "Optique (de cpa)"],
      [r.body.courseId, "Optique"],
    ]);
  });

  it("the list costs the same number of queries whatever the number of copies", async () => {
    const few = await countSteady(() => adminB.get("/api/v1/federation/copyable-courses"));
    for (let i = 0; i < 3; i++) expect((await adminB.post(copyUrl(agreementId, X.id), { orgId: b.rootOrgId })).status).toBe(200);
    const many = await countSteady(() => adminB.get("/api/v1/federation/copyable-courses"));
    expect(many.result.body.items[0].copies).toHaveLength(5);
    expect(many.count).toBe(few.count);
  });

  it("an item whose file is gone on A is left out of the copy, and said so", async () => {
    const z = (await adminA.post("/api/v1/courses", { orgId: a.rootOrgId, title: "Ondes" })).body.id;
    const section = (await adminA.post(`/api/v1/courses/${z}/sections`, { title: "Son" })).body.id;
    const file = (await upload(adminA, "document", "ondes.pdf", PDF)).body.id;
    for (const item of [
      { kind: "page", title: "La fréquence", body: doc("Des hertz.") },
      { kind: "file", title: "Fiche ondes", fileId: file },
    ])
      expect((await adminA.post(`/api/v1/courses/${z}/items`, { sectionId: section, ...item })).status).toBe(200);
    await t.k.db.deleteFrom("files").where("tenant_id", "=", a.tenantId).where("id", "=", file).execute();
    const p = await adminA.post("/api/v1/federation/agreements", { partnerId: b.tenantId, copyCourseIds: [z], startsOn: today, endsOn: nextYear });
    await adminB.post(`/api/v1/federation/agreements/${p.body.id}/accept`);
    const filesBefore = await t.k.db.selectFrom("files").select("id").where("tenant_id", "=", b.tenantId).execute();
    const r = await adminB.post(copyUrl(p.body.id, z), { orgId: b.rootOrgId });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ files: 0, notCopied: [{ kind: "file", title: "Fiche ondes" }] });
    const page = await adminB.get(`/api/v1/courses/${r.body.courseId}`);
    expect(page.body.sections[0].items.map((i: { title: string }) => i.title)).toEqual(["La fréquence"]);
    expect(await t.k.db.selectFrom("files").select("id").where("tenant_id", "=", b.tenantId).execute()).toHaveLength(filesBefore.length);
    // listed with A's other course, by title
    const listed = (await adminB.get("/api/v1/federation/copyable-courses")).body.items;
    expect(listed.map((c: { title: string }) => c.title)).toEqual(["Ondes", "Optique"]);
    expect((await adminA.post(`/api/v1/federation/agreements/${p.body.id}/revoke`)).status).toBe(200);
  });

  it("once the agreement is revoked the copies stay B's, with their note, and nothing more can be copied", async () => {
    expect((await adminB.post(`/api/v1/federation/agreements/${agreementId}/revoke`)).body.status).toBe("revoked");
    expect((await adminB.get(`/api/v1/courses/${copyId}`)).status).toBe(200);
    expect((await adminB.get(`/api/v1/federation/copies/${copyId}`)).body.origin.title).toBe("Optique");
    await refused(adminB, copyUrl(agreementId, X.id), { orgId: b.rootOrgId }, 403, "federation.copy.not_in_force");
    expect((await adminB.get("/api/v1/federation/copyable-courses")).body.items).toEqual([]);
  });

  it("the copy's quiz is taken and scored on B, its assignment takes a submission (the copy is B's whatever the agreement)", async () => {
    await adminB.patch(`/api/v1/courses/${copyId}`, { status: "published" });
    await enrolDirect(t.k, b.tenantId, copyId, linaId);
    const items = await t.k.db.selectFrom("course_items").select(["id", "kind"]).where("tenant_id", "=", b.tenantId).where("course_id", "=", copyId).execute();
    const quiz = items.find((i) => i.kind === "quiz")!.id;
    const start = await learnerB.post(`/api/v1/courses/${copyId}/quizzes/${quiz}/attempts`);
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    expect(start.body.questions).toHaveLength(3);
    let seq = 1;
    for (const x of start.body.questions as { slot: number; question: { type: string } }[]) {
      const right = [...bank.questions, ...drawBank.questions].find((q) => q.type === x.question.type)!.right;
      expect((await learnerB.put(`/api/v1/quiz-attempts/${start.body.id}/answers/${x.slot}`, { seq: seq++, response: right })).status).toBe(200);
    }
    const sub = await learnerB.post(`/api/v1/quiz-attempts/${start.body.id}/submit`);
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    expect(sub.body).toMatchObject({ state: "submitted", score: 3, maxScore: 3 });
    const base = `/api/v1/courses/${copyId}/assignments/${items.find((i) => i.kind === "assignment")!.id}`;
    const save = await learnerB.put(`${base}/submission`, { text: doc("Le prisme sépare les couleurs."), revision: 0 });
    expect(save.status, JSON.stringify(save.body)).toBe(200);
    expect((await learnerB.post(`${base}/submission/submit`, { revision: 1 })).status).toBe(200);
  });
});
