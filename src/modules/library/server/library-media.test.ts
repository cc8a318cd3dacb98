import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser } from "../../../../test/factories.ts";
import { type Client, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { deleteFile } from "../../../kernel/files/index.ts";
import { newId } from "../../../kernel/ids.ts";
import { insertSampleQuestions } from "../../quizzes/server/sample-questions.ts";

/**
 * Library versions carry files and videos (the bytes, kept by the library), quizzes with their
 * questions and assignments with their settings and rubric; imports make them the importing
 * platform's own, and a linked copy takes a new version of what it did not edit.
 */

const para = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
function form(name: string, data: Buffer | string, type: string) {
  const boundary = `----archipel${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.isBuffer(data) ? data : Buffer.from(data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
async function upload(c: Client, purpose: string, name: string, data: Buffer | string, type: string) {
  const f = form(name, data, type);
  const r = await c.request("POST", `/api/v1/files?purpose=${purpose}`, f.payload, f.headers);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.id as string;
}
const PDF = (text: string) => Buffer.concat([Buffer.from("%PDF-1.4\n%âãÏÓ\n"), Buffer.from(text), Buffer.alloc(300_000, 0x20), Buffer.from("\n%%EOF\n")]);
const MP4 = (n: number) => {
  const b = Buffer.alloc(n);
  Buffer.from("000000186674797069736f6d0000020069736f6d69736f32", "hex").copy(b);
  for (let i = 24; i < n; i++) b[i] = (i * 7919) & 255;
  return b;
};
const VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nBonjour\n";
const rubric = {
  kind: "rubric",
  criteria: [
    {
      id: "method",
      description: "Démarche",
      levels: [
        { id: "m0", points: 0, description: "Absente" },
        { id: "m1", points: 10, description: "Complète" },
      ],
    },
  ],
};

let t: TestApp;
let A: Awaited<ReturnType<typeof makePlatform>>;
let B: Awaited<ReturnType<typeof makePlatform>>;
let teacherA: Client;
let adminA: Client;
let teacherB: Client;
let learnerB: Client;
let learnerBId: string;
let courseA: string;
let sectionA: string;
let bank: Awaited<ReturnType<typeof insertSampleQuestions>>;
const ids: Record<string, string> = {};
const v1pdf = PDF("version 1");
const v2pdf = PDF("version 2");
const video = MP4(400_000);

/** Raw bytes of a file as `c` downloads it from its platform. */
async function download(c: Client, host: string, fileId: string) {
  const r = await t.app.inject({
    method: "GET",
    url: `/api/v1/files/${fileId}`,
    headers: { host, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
  return { status: r.statusCode, bytes: r.rawPayload };
}
/** A copy's items by title, with their file columns (read on B). */
async function itemsOf(courseId: string) {
  const rows = await t.k.db
    .selectFrom("course_items")
    .select(["id", "title", "kind", "file_id", "captions_file_id"])
    .where("tenant_id", "=", B.tenantId)
    .where("course_id", "=", courseId)
    .execute();
  return new Map(rows.map((r) => [r.title, r]));
}
/** B's grade item of a quiz or an assignment of a copy. */
const gradeItem = (itemId: string) =>
  t.k.db.selectFrom("grade_items").select(["max_score"]).where("tenant_id", "=", B.tenantId).where("course_item_id", "=", itemId).executeTakeFirstOrThrow();
/** Published and with learnerB enrolled: the learner can take the quiz and submit the assignment. */
async function openToLearner(courseId: string) {
  await t.k.db.updateTable("courses").set({ status: "published" }).where("tenant_id", "=", B.tenantId).where("id", "=", courseId).execute();
  await t.k.db
    .insertInto("course_members")
    .values({ tenant_id: B.tenantId, id: newId(), course_id: courseId, user_id: learnerBId, role: "learner", source: "teacher" })
    .execute();
}

beforeAll(async () => {
  t = await testApp();
  A = await makePlatform(t.k, "editeur");
  B = await makePlatform(t.k, "lecteur", { parentId: A.tenantId }); // the library is shared within a network
  await makeUser(t.k, A.tenantId, A.rootOrgId, "prof-a", "teacher");
  await makeUser(t.k, B.tenantId, B.rootOrgId, "prof-b", "teacher");
  learnerBId = (await makeUser(t.k, B.tenantId, B.rootOrgId, "eleve-b", "learner")).id;
  adminA = await signedIn(t.app, { host: A.host }, A.adminLogin);
  teacherA = await signedIn(t.app, { host: A.host }, "prof-a");
  teacherB = await signedIn(t.app, { host: B.host }, "prof-b");
  learnerB = await signedIn(t.app, { host: B.host }, "eleve-b");
  expect((await adminA.put("/api/v1/library/settings", { teachersMayPublish: true })).status).toBe(200);

  courseA = (await teacherA.post("/api/v1/courses", { orgId: A.rootOrgId, title: "Optique" })).body.id;
  sectionA = (await teacherA.post(`/api/v1/courses/${courseA}/sections`, { title: "La lumière" })).body.id;
  const item = async (body: object) => {
    const r = await teacherA.post(`/api/v1/courses/${courseA}/items`, { sectionId: sectionA, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.id as string;
  };
  await item({ kind: "page", title: "Introduction", body: para("La lumière se propage en ligne droite.") });
  ids.pdfA = await upload(teacherA, "document", "fiche.pdf", v1pdf, "application/pdf");
  ids.fileItemA = await item({ kind: "file", title: "Fiche de TP", fileId: ids.pdfA });
  ids.videoA = await upload(teacherA, "video", "prisme.mp4", video, "video/mp4");
  ids.vttA = await upload(teacherA, "captions", "prisme.vtt", VTT, "text/vtt");
  await item({ kind: "video", title: "Le prisme", fileId: ids.videoA, captionsFileId: ids.vttA });

  bank = await insertSampleQuestions(t.k.db, A.tenantId, courseA, { types: ["single", "truefalse"], categoryName: "Optique" });
  const quiz = await teacherA.post(`/api/v1/courses/${courseA}/quizzes`, { sectionId: sectionA, title: "Contrôle", attemptsAllowed: 2, passPercent: 50 });
  expect(quiz.status, JSON.stringify(quiz.body)).toBe(200);
  ids.quizA = quiz.body.itemId;
  const slots = await teacherA.put(`/api/v1/courses/${courseA}/quizzes/${ids.quizA}/slots`, {
    slots: [...bank.questions.map((q) => ({ versionId: q.versionId, page: 1 })), { categoryId: bank.categoryId, page: 2 }],
  });
  expect(slots.status, JSON.stringify(slots.body)).toBe(200);
  const asg = await teacherA.post(`/api/v1/courses/${courseA}/assignments`, {
    sectionId: sectionA,
    title: "Compte rendu",
    instructions: para("Décrivez l'expérience."),
    maxScore: 10,
    passScore: 5,
    rubric,
  });
  expect(asg.status, JSON.stringify(asg.body)).toBe(200);
  ids.asgA = asg.body.item.id;
});
afterAll(() => t.close());

const publishBody = (changeNotes: string) => ({ title: "Optique", language: "fr", level: "intermediate", licence: "cc-by", changeNotes });

describe("a version carries files, videos, quizzes and assignments", () => {
  it("publishes them: counts by kind, nothing left out, bytes kept by the library, no ids of the publisher", async () => {
    const page = await teacherA.get(`/api/v1/library/courses/${courseA}`);
    expect(page.body.notCarried).toEqual([]);
    const r = await teacherA.post(`/api/v1/library/courses/${courseA}/versions`, publishBody("v1"));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    ids.entry = r.body.id;
    expect(r.body.preview.counts).toEqual([
      { kind: "page", count: 1 },
      { kind: "file", count: 1 },
      { kind: "video", count: 1 },
      { kind: "quiz", count: 1 },
      { kind: "assignment", count: 1 },
    ]);
    expect(r.body.preview.notCarried).toEqual([]);
    expect(r.body.versions[0]).toMatchObject({ sections: 1, items: 5 });
    const blobs = await t.k.db.selectFrom("library_blobs").select(["sha256", "size"]).execute();
    expect(blobs.map((b) => Number(b.size)).sort((a, b) => a - b)).toEqual([Buffer.byteLength(VTT), v1pdf.length, video.length].sort((a, b) => a - b));
    const stored = JSON.stringify(
      (await t.k.db.selectFrom("library_versions").select("content").where("entry_id", "=", ids.entry).executeTakeFirstOrThrow()).content,
    );
    for (const id of [ids.pdfA, ids.videoA, ids.vttA, bank.categoryId, ...bank.questions.flatMap((q) => [q.questionId, q.versionId])])
      expect(stored).not.toContain(id);
    expect(stored).toContain("Rennes"); // the questions themselves travel
  });

  it("refuses to publish a file over the upload limit (422) and writes nothing", async () => {
    const before = await t.k.db.selectFrom("library_versions").select("number").where("entry_id", "=", ids.entry).execute();
    const limit = t.k.config.UPLOAD_MAX_MB;
    (t.k.config as { UPLOAD_MAX_MB: number }).UPLOAD_MAX_MB = 0.1;
    try {
      const r = await teacherA.post(`/api/v1/library/courses/${courseA}/versions`, publishBody("trop gros"));
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe("library.file_too_large");
    } finally {
      (t.k.config as { UPLOAD_MAX_MB: number }).UPLOAD_MAX_MB = limit;
    }
    expect(await t.k.db.selectFrom("library_versions").select("number").where("entry_id", "=", ids.entry).execute()).toEqual(before);
  });

  it("the publisher deleting its file breaks nothing: the library keeps the bytes", async () => {
    await deleteFile(t.k.db, A.tenantId, ids.pdfA);
    expect((await download(teacherA, A.host, ids.pdfA)).status).toBe(404);
  });
});

describe("an independent copy on another platform", () => {
  it("has files of its own with the same bytes, the video with its captions", async () => {
    const r = await teacherB.post(`/api/v1/library/entries/${ids.entry}/import`, { linked: false });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    ids.copy = r.body.courseId;
    await openToLearner(ids.copy);
    const items = await itemsOf(ids.copy);
    expect([...items.keys()].sort()).toEqual(["Compte rendu", "Contrôle", "Fiche de TP", "Introduction", "Le prisme"]);
    const file = items.get("Fiche de TP")!;
    expect(file.file_id).not.toBe(ids.pdfA);
    const owned = await t.k.db
      .selectFrom("files")
      .select(["tenant_id", "owner_id", "name", "status"])
      .where("tenant_id", "=", B.tenantId)
      .where("id", "=", file.file_id!)
      .executeTakeFirstOrThrow();
    expect(owned).toMatchObject({ name: "fiche.pdf", status: "ready" });
    const got = await download(learnerB, B.host, file.file_id!);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(v1pdf)).toBe(true);
    const vid = items.get("Le prisme")!;
    expect((await download(learnerB, B.host, vid.file_id!)).bytes.equals(video)).toBe(true);
    expect((await download(learnerB, B.host, vid.captions_file_id!)).bytes.toString()).toBe(VTT);
    // A's people cannot read B's copies
    expect((await download(teacherA, A.host, file.file_id!)).status).toBe(404);
  });

  it("has a quiz with the questions, in B's bank, that a learner can attempt", async () => {
    const quizId = (await itemsOf(ids.copy)).get("Contrôle")!.id;
    const settings = await teacherB.get(`/api/v1/courses/${ids.copy}/quizzes/${quizId}`);
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    expect(settings.body.quiz).toMatchObject({ attemptsAllowed: 2, passPercent: 50 });
    const slots = await teacherB.get(`/api/v1/courses/${ids.copy}/quizzes/${quizId}/slots`);
    expect(slots.body.items).toHaveLength(3);
    expect(Number((await gradeItem(quizId)).max_score)).toBe(3);
    const start = await learnerB.post(`/api/v1/courses/${ids.copy}/quizzes/${quizId}/attempts`);
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    let seq = 1;
    for (const x of start.body.questions as { slot: number; question: { type: string } }[]) {
      const right = bank.questions.find((q) => q.type === x.question.type)!.right;
      expect((await learnerB.put(`/api/v1/quiz-attempts/${start.body.id}/answers/${x.slot}`, { seq: seq++, response: right })).status).toBe(200);
    }
    const sub = await learnerB.post(`/api/v1/quiz-attempts/${start.body.id}/submit`);
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    expect(sub.body.state).toBe("submitted");
    expect(sub.body.score).toBe(sub.body.maxScore);
    // the questions are B's: the slots name versions of B's bank
    const versions = await t.k.db
      .selectFrom("quiz_slots")
      .select("version_id")
      .where("tenant_id", "=", B.tenantId)
      .where("quiz_id", "=", quizId)
      .where("version_id", "is not", null)
      .execute();
    for (const v of versions) expect(bank.questions.map((q) => q.versionId)).not.toContain(v.version_id);
  });

  it("has an assignment with its settings and rubric that accepts a submission", async () => {
    const asgId = (await itemsOf(ids.copy)).get("Compte rendu")!.id;
    const base = `/api/v1/courses/${ids.copy}/assignments/${asgId}`;
    const view = await teacherB.get(base);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(JSON.stringify(view.body)).toContain("Décrivez l'expérience.");
    expect(JSON.stringify(view.body)).toContain("Démarche");
    const save = await learnerB.put(`${base}/submission`, { text: para("J'ai observé un arc-en-ciel."), revision: 0 });
    expect(save.status, JSON.stringify(save.body)).toBe(200);
    const sub = await learnerB.post(`${base}/submission/submit`, { revision: 1 });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    const grade = await t.k.db
      .selectFrom("grade_items")
      .select(["max_score"])
      .where("tenant_id", "=", B.tenantId)
      .where("course_item_id", "=", asgId)
      .executeTakeFirstOrThrow();
    expect(Number(grade.max_score)).toBe(10);
  });
});

describe("a linked copy takes a new version of what it did not edit", () => {
  it("imports v1 linked; B adds a page and edits the assignment", async () => {
    const r = await teacherB.post(`/api/v1/library/entries/${ids.entry}/import`, { linked: true, title: "Optique (liée)" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    ids.linked = r.body.courseId;
    const items = await itemsOf(ids.linked);
    const section = (
      await t.k.db.selectFrom("course_sections").select("id").where("tenant_id", "=", B.tenantId).where("course_id", "=", ids.linked).executeTakeFirstOrThrow()
    ).id;
    const page = await teacherB.post(`/api/v1/courses/${ids.linked}/items`, {
      sectionId: section,
      kind: "page",
      title: "Nos TP à Brest",
      body: para("Salle 12"),
    });
    expect(page.status).toBe(200);
    const asg = await teacherB.patch(`/api/v1/courses/${ids.linked}/assignments/${items.get("Compte rendu")!.id}`, { maxScore: 20, passScore: 10 });
    expect(asg.status, JSON.stringify(asg.body)).toBe(200);
    ids.linkedFile = items.get("Fiche de TP")!.file_id!;
  });

  it("A publishes v2 with a new file, a changed quiz and a changed assignment; B sees the plan", async () => {
    const pdf2 = await upload(teacherA, "document", "fiche-v2.pdf", v2pdf, "application/pdf");
    expect((await teacherA.patch(`/api/v1/courses/${courseA}/items/${ids.fileItemA}`, { fileId: pdf2 })).status).toBe(200);
    expect((await teacherA.patch(`/api/v1/courses/${courseA}/quizzes/${ids.quizA}`, { attemptsAllowed: 5 })).status).toBe(200);
    const slots = await teacherA.put(`/api/v1/courses/${courseA}/quizzes/${ids.quizA}/slots`, {
      slots: [{ versionId: bank.questions[0].versionId, page: 1, points: 4 }],
    });
    expect(slots.status).toBe(200);
    expect((await teacherA.patch(`/api/v1/courses/${courseA}/assignments/${ids.asgA}`, { maxScore: 12 })).status).toBe(200);
    const r = await teacherA.post(`/api/v1/library/courses/${courseA}/versions`, publishBody("Nouvelle fiche, quiz plus court"));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const link = await teacherB.get(`/api/v1/library/imports/${ids.linked}`);
    expect(link.body.plan).toEqual({
      from: 1,
      to: 2,
      added: 0,
      updated: 2,
      removed: 0,
      conflicts: [{ kind: "item", title: "Compte rendu", upstream: "changed" }],
    });
  });

  it("applies v2: new file bytes and quiz in, the local page and the local assignment settings kept", async () => {
    const r = await teacherB.post(`/api/v1/library/imports/${ids.linked}/update`, { version: 2 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const items = await itemsOf(ids.linked);
    expect([...items.keys()].sort()).toEqual(["Compte rendu", "Contrôle", "Fiche de TP", "Introduction", "Le prisme", "Nos TP à Brest"]);
    const file = items.get("Fiche de TP")!;
    expect(file.file_id).not.toBe(ids.linkedFile);
    expect((await download(teacherB, B.host, file.file_id!)).bytes.equals(v2pdf)).toBe(true);
    const quizId = items.get("Contrôle")!.id;
    expect((await teacherB.get(`/api/v1/courses/${ids.linked}/quizzes/${quizId}`)).body.quiz).toMatchObject({ attemptsAllowed: 5 });
    const slots = await teacherB.get(`/api/v1/courses/${ids.linked}/quizzes/${quizId}/slots`);
    expect(slots.body.items).toHaveLength(1);
    expect(slots.body.items[0]).toMatchObject({ points: 4 });
    expect(Number((await gradeItem(quizId)).max_score)).toBe(4);
    const asg = await t.k.db
      .selectFrom("assignments")
      .select(["max_score"])
      .where("tenant_id", "=", B.tenantId)
      .where("item_id", "=", items.get("Compte rendu")!.id)
      .executeTakeFirstOrThrow();
    expect(Number(asg.max_score)).toBe(20);
    // the independent copy did not move
    expect((await download(learnerB, B.host, (await itemsOf(ids.copy)).get("Fiche de TP")!.file_id!)).bytes.equals(v1pdf)).toBe(true);
  });

  it("after the update, what came in counts as untouched: an unchanged v3 updates nothing", async () => {
    const r = await teacherA.post(`/api/v1/library/courses/${courseA}/versions`, publishBody("Rien de neuf"));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const link = await teacherB.get(`/api/v1/library/imports/${ids.linked}`);
    // the assignment edited here still differs from what was last brought in (v1), as a page would
    expect(link.body.plan).toEqual({
      from: 2,
      to: 3,
      added: 0,
      updated: 0,
      removed: 0,
      conflicts: [{ kind: "item", title: "Compte rendu", upstream: "changed" }],
    });
    // a learner's attempt on the copy changes nothing of the quiz's content
    const quizId = (await itemsOf(ids.linked)).get("Contrôle")!.id;
    await openToLearner(ids.linked);
    expect((await learnerB.post(`/api/v1/courses/${ids.linked}/quizzes/${quizId}/attempts`)).status).toBe(200);
    expect((await teacherB.get(`/api/v1/library/imports/${ids.linked}`)).body.plan).toMatchObject({ updated: 0, conflicts: [{ title: "Compte rendu" }] });
  });

  it("a quiz edited here is kept and reported when upstream changes it too", async () => {
    const quizId = (await itemsOf(ids.linked)).get("Contrôle")!.id;
    expect((await teacherB.patch(`/api/v1/courses/${ids.linked}/quizzes/${quizId}`, { attemptsAllowed: 9 })).status).toBe(200);
    expect((await teacherA.patch(`/api/v1/courses/${courseA}/quizzes/${ids.quizA}`, { attemptsAllowed: 3 })).status).toBe(200);
    expect((await teacherA.post(`/api/v1/library/courses/${courseA}/versions`, publishBody("Trois tentatives"))).status).toBe(200);
    const r = await teacherB.post(`/api/v1/library/imports/${ids.linked}/update`, { version: 4 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ updated: 0, conflicts: expect.arrayContaining([{ kind: "item", title: "Contrôle", upstream: "changed" }]) });
    expect((await teacherB.get(`/api/v1/courses/${ids.linked}/quizzes/${quizId}`)).body.quiz).toMatchObject({ attemptsAllowed: 9 });
  });
});
