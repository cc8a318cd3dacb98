import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser } from "../../../../test/factories.ts";
import { type Client, countQueries, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { insertSampleQuestions } from "./sample-questions.ts";
import { sweepQuizzes } from "./sweep.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let other: Awaited<ReturnType<typeof makePlatform>>;
let teacher: Client;
let otherAdmin: Client;
const L: Client[] = [];
const learnerIds: string[] = [];
let courseId: string;
let sectionId: string;
let bank: Awaited<ReturnType<typeof insertSampleQuestions>>;

async function makeCourse(tenantId: string, orgId: string, teacherId: string, learners: string[]) {
  const id = newId();
  await t.k.db.insertInto("courses").values({ tenant_id: tenantId, id, org_id: orgId, title: "Sciences", status: "published" }).execute();
  await t.k.db
    .insertInto("course_members")
    .values([
      { tenant_id: tenantId, id: newId(), course_id: id, user_id: teacherId, role: "teacher" },
      ...learners.map((u) => ({ tenant_id: tenantId, id: newId(), course_id: id, user_id: u, role: "learner" as const })),
    ])
    .execute();
  const s = newId();
  await t.k.db.insertInto("course_sections").values({ tenant_id: tenantId, id: s, course_id: id, position: 0, title: "Évaluations" }).execute();
  return { id, sectionId: s };
}

const q = (itemId: string) => `/api/v1/courses/${courseId}/quizzes/${itemId}`;
async function newQuiz(settings: object = {}, types?: string[]) {
  const r = await teacher.post(`/api/v1/courses/${courseId}/quizzes`, { sectionId, title: "Contrôle", attemptsAllowed: 3, ...settings });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const slots = bank.questions.filter((x) => !types || types.includes(x.type)).map((x) => ({ versionId: x.versionId, page: 1 }));
  const s = await teacher.put(`${q(r.body.itemId)}/slots`, { slots });
  expect(s.status, JSON.stringify(s.body)).toBe(200);
  return r.body.itemId as string;
}
const right = (type: string) => bank.questions.find((x) => x.type === type)!.right;
async function start(c: Client, itemId: string) {
  const r = await c.post(`${q(itemId)}/attempts`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { id: string; questions: { slot: number; question: { type: string } }[]; deadline: string | null };
}
const save = (c: Client, attemptId: string, slot: number, seq: number, response: unknown) =>
  c.put(`/api/v1/quiz-attempts/${attemptId}/answers/${slot}`, { seq, response });
const slotOf = (a: { questions: { slot: number; question: { type: string } }[] }, type: string) => a.questions.find((x) => x.question.type === type)!.slot;
const stored = (attemptId: string) =>
  t.k.db.selectFrom("quiz_answers").selectAll().where("tenant_id", "=", p.tenantId).where("attempt_id", "=", attemptId).orderBy("slot").execute();

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "exam");
  other = await makePlatform(t.k, "other");
  const tu = await makeUser(t.k, p.tenantId, p.rootOrgId, "prof", "teacher");
  for (let i = 1; i <= 4; i++) learnerIds.push((await makeUser(t.k, p.tenantId, p.rootOrgId, `eleve${i}`)).id);
  ({ id: courseId, sectionId } = await makeCourse(p.tenantId, p.rootOrgId, tu.id, learnerIds));
  bank = await insertSampleQuestions(t.k.db, p.tenantId, courseId);
  teacher = await signedIn(t.app, { host: p.host }, "prof");
  for (let i = 1; i <= 4; i++) L.push(await signedIn(t.app, { host: p.host }, `eleve${i}`));
  otherAdmin = await signedIn(t.app, { host: other.host }, other.adminLogin);
});
afterAll(() => t.close());

describe("quiz settings", () => {
  it("creates a quiz item with its settings, refuses bad dates, and learners cannot edit", async () => {
    const bad = await teacher.post(`/api/v1/courses/${courseId}/quizzes`, {
      sectionId,
      title: "X",
      opensAt: "2026-12-02T10:00:00Z",
      closesAt: "2026-12-01T10:00:00Z",
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.closesAt).toBeTruthy();
    const id = await newQuiz({ timeLimitMinutes: 20, gradingMethod: "average" });
    const page = await L[0].get(q(id));
    expect(page.status).toBe(200);
    expect(page.body.quiz).toMatchObject({ timeLimitMinutes: 20, gradingMethod: "average", questionCount: 11, maxScore: 18 });
    expect(page.body.canStart).toBe(true);
    const course = await L[0].get(`/api/v1/courses/${courseId}`);
    expect(JSON.stringify(course.body)).toContain(id);
    expect((await L[0].patch(q(id), { title: "Hack" })).status).toBe(403);
    expect((await L[0].get(`${q(id)}/slots`)).status).toBe(403);
    expect((await otherAdmin.get(q(id))).status).toBe(404);
  });

  it("refuses a slot naming a question of another platform", async () => {
    const id = await newQuiz({}, ["single"]);
    const foreign = await insertSampleQuestions(t.k.db, other.tenantId, (await makeCourse(other.tenantId, other.rootOrgId, other.adminId, [])).id);
    const r = await teacher.put(`${q(id)}/slots`, { slots: [{ versionId: foreign.questions[0].versionId }] });
    expect(r.status).toBe(422);
  });
});

describe("autosave protocol", () => {
  it("stores only newer saves, acknowledges replays with the stored seq, and costs one statement", async () => {
    const id = await newQuiz({}, ["single", "short"]);
    const a = await start(L[0], id);
    const slot = slotOf(a, "short");
    expect((await save(L[0], a.id, slot, 1, { type: "short", text: "o2" })).body).toEqual({ slot, seq: 1, stored: true });
    expect((await save(L[0], a.id, slot, 3, { type: "short", text: "co2" })).body).toEqual({ slot, seq: 3, stored: true });
    // a late save (seq 2, sent before 3 but arriving after) and a replay of 3 change nothing
    expect((await save(L[0], a.id, slot, 2, { type: "short", text: "h2o" })).body).toEqual({ slot, seq: 3, stored: false });
    expect((await save(L[0], a.id, slot, 3, { type: "short", text: "xx" })).body).toEqual({ slot, seq: 3, stored: false });
    const rows = await stored(a.id);
    expect(rows[0].response).toEqual({ type: "short", text: "co2" });
    const counted = await countQueries(() => save(L[0], a.id, slot, 4, { type: "short", text: "CO2" }));
    const counted2 = await countQueries(() => save(L[0], a.id, slot, 5, { type: "short", text: "CO2!" }));
    expect(counted.result.status).toBe(200);
    // the session lookup, then the save itself
    expect(counted.count).toBe(counted2.count);
    expect(counted.sql.filter((s) => /quiz_answers/.test(s))).toHaveLength(1);
    expect(counted.count).toBeLessThanOrEqual(2);
  });

  it("keeps the highest seq under concurrent saves", async () => {
    const id = await newQuiz({}, ["short"]);
    const a = await start(L[1], id);
    const seqs = Array.from({ length: 20 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    const res = await Promise.all(seqs.map((s) => save(L[1], a.id, 0, s, { type: "short", text: `v${s}` })));
    expect(res.every((r) => r.status === 200)).toBe(true);
    const rows = await stored(a.id);
    expect(rows[0]).toMatchObject({ seq: 20, response: { type: "short", text: "v20" } });
  });

  it("refuses a response of the wrong type, an unknown slot, and other people's attempts (404)", async () => {
    const id = await newQuiz({}, ["single"]);
    const a = await start(L[2], id);
    expect((await save(L[2], a.id, 0, 1, { type: "short", text: "x" })).status).toBe(422);
    expect((await save(L[2], a.id, 5, 1, { type: "single", optionId: "k3" })).status).toBe(404);
    expect((await save(L[2], a.id, 0, 1, { type: "single" })).status).toBe(422);
    expect((await save(L[3], a.id, 0, 1, { type: "single", optionId: "k3" })).status).toBe(404);
    expect((await L[3].get(`/api/v1/quiz-attempts/${a.id}`)).status).toBe(404);
    expect((await otherAdmin.get(`/api/v1/quiz-attempts/${a.id}`)).status).toBe(404);
    expect((await save(otherAdmin, a.id, 0, 1, { type: "single", optionId: "k3" })).status).toBe(404);
    expect((await teacher.get(`/api/v1/quiz-attempts/${a.id}`)).status).toBe(200);
    expect((await save(teacher, a.id, 0, 1, { type: "single", optionId: "k3" })).status).toBe(404);
  });

  it("refuses saves after the deadline and its grace, submits overdue attempts with their saved answers", async () => {
    const id = await newQuiz({ timeLimitMinutes: 10 }, ["single", "truefalse"]);
    const a = await start(L[0], id);
    expect(a.deadline).toBeTruthy();
    expect((await save(L[0], a.id, slotOf(a, "single"), 1, right("single"))).status).toBe(200);
    // 5 s past the deadline: within the grace
    await t.k.db
      .updateTable("quiz_attempts")
      .set({ deadline: new Date(Date.now() - 5000) })
      .where("tenant_id", "=", p.tenantId)
      .where("id", "=", a.id)
      .execute();
    expect((await save(L[0], a.id, slotOf(a, "truefalse"), 1, { type: "truefalse", value: false })).status).toBe(200);
    await t.k.db
      .updateTable("quiz_attempts")
      .set({ deadline: new Date(Date.now() - 60_000) })
      .where("tenant_id", "=", p.tenantId)
      .where("id", "=", a.id)
      .execute();
    const late = await save(L[0], a.id, slotOf(a, "truefalse"), 2, right("truefalse"));
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("quizzes.time_up");
    expect(await sweepQuizzes(t.k)).toBeGreaterThanOrEqual(1);
    const after = await L[0].get(`/api/v1/quiz-attempts/${a.id}`);
    expect(after.body).toMatchObject({ state: "submitted", autoSubmitted: true, score: 1, maxScore: 2 });
    const gone = await save(L[0], a.id, 0, 9, right("single"));
    expect(gone.body.error.code).toBe("quizzes.attempt_submitted");
  });

  it("submits an overdue attempt on the next visit too", async () => {
    const id = await newQuiz({ timeLimitMinutes: 5 }, ["single"]);
    const a = await start(L[1], id);
    await save(L[1], a.id, 0, 1, right("single"));
    await t.k.db
      .updateTable("quiz_attempts")
      .set({ deadline: new Date(Date.now() - 60_000) })
      .where("tenant_id", "=", p.tenantId)
      .where("id", "=", a.id)
      .execute();
    const page = await L[1].get(q(id));
    expect(page.body.attempts[0]).toMatchObject({ state: "submitted", autoSubmitted: true, score: 1 });
  });

  it("submitting twice is harmless", async () => {
    const id = await newQuiz({}, ["single", "numeric"]);
    const a = await start(L[2], id);
    await save(L[2], a.id, slotOf(a, "numeric"), 1, right("numeric"));
    const [s1, s2] = await Promise.all([L[2].post(`/api/v1/quiz-attempts/${a.id}/submit`), L[2].post(`/api/v1/quiz-attempts/${a.id}/submit`)]);
    expect(s1.status).toBe(200);
    expect(s2.status).toBe(200);
    expect(s1.body.score).toBe(1);
    expect(s2.body.submittedAt).toBe(s1.body.submittedAt);
    const s3 = await L[2].post(`/api/v1/quiz-attempts/${a.id}/submit`);
    expect(s3.body.submittedAt).toBe(s1.body.submittedAt);
    const events = await t.k.events
      .flush()
      .then(() => t.k.db.selectFrom("events").select("verb").where("tenant_id", "=", p.tenantId).where("object_id", "=", a.id).execute());
    expect(events.filter((e) => e.verb === "submitted")).toHaveLength(1);
    expect(events.filter((e) => e.verb === "started")).toHaveLength(1);
    expect(events.filter((e) => e.verb === "answered")).toHaveLength(1);
  });
});

describe("grading", () => {
  it("scores every type, queues essays and files, grades by hand with an audit trail, and sends the grade to the gradebook", async () => {
    const id = await newQuiz({ reviewAnswers: "immediately" });
    const a = await start(L[3], id);
    let seq = 1;
    for (const x of a.questions) {
      const type = x.question.type;
      if (type === "file") continue;
      expect((await save(L[3], a.id, x.slot, seq++, right(type))).status).toBe(200);
    }
    const sub = await L[3].post(`/api/v1/quiz-attempts/${a.id}/submit`);
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    // every automatic type right (12 points); the essay waits for a person; the file was left empty (0)
    expect(sub.body).toMatchObject({ state: "submitted", needsGrading: true, score: null });
    const auto = sub.body.questions.filter((x: { question: { type: string } }) => x.question.type !== "essay" && x.question.type !== "file");
    expect(auto.map((x: { result: { points: number } }) => x.result.points)).toEqual(auto.map((x: { points: number }) => x.points));
    const queue = await teacher.get(`${q(id)}/grading`);
    expect(queue.body.items).toHaveLength(1);
    expect(queue.body.items[0]).toMatchObject({ attemptId: a.id, question: { type: "essay" }, graderInfo: expect.stringContaining("Évaporation") });
    const slot = queue.body.items[0].slot;
    expect((await teacher.put(`/api/v1/quiz-attempts/${a.id}/grades/${slot}`, { points: 9 })).status).toBe(422);
    expect((await L[3].put(`/api/v1/quiz-attempts/${a.id}/grades/${slot}`, { points: 1 })).status).toBe(404);
    const g = await teacher.put(`/api/v1/quiz-attempts/${a.id}/grades/${slot}`, { points: 3, comment: "Bien, il manque l'infiltration." });
    expect(g.status).toBe(200);
    expect(g.body).toMatchObject({ needsGrading: false, score: 15 });
    // an override of an automatic mark, logged with the points before
    const single = slotOf(a, "single");
    const o = await teacher.put(`/api/v1/quiz-attempts/${a.id}/grades/${single}`, { points: 0.5, comment: "Orthographe" });
    expect(o.body.score).toBe(14.5);
    expect(o.body.log.map((l: { reason: string; oldPoints: number | null; newPoints: number }) => [l.reason, l.oldPoints, l.newPoints])).toEqual([
      ["manual", null, 3],
      ["override", 1, 0.5],
    ]);
    expect((await teacher.get(`${q(id)}/grading`)).body.items).toHaveLength(0);
    const grade = await t.k.db
      .selectFrom("grades as g")
      .innerJoin("grade_items as i", (j) => j.onRef("i.tenant_id", "=", "g.tenant_id").onRef("i.id", "=", "g.grade_item_id"))
      .select(["g.score", "g.released", "i.max_score"])
      .where("g.tenant_id", "=", p.tenantId)
      .where("i.source_id", "=", id)
      .where("g.user_id", "=", learnerIds[3])
      .executeTakeFirstOrThrow();
    expect(grade).toMatchObject({ score: 14.5, released: true, max_score: 18 });
    const mine = await L[3].get(`/api/v1/quiz-attempts/${a.id}`);
    const essay = mine.body.questions.find((x: { question: { type: string } }) => x.question.type === "essay");
    expect(essay.result).toMatchObject({ points: 3, comment: "Bien, il manque l'infiltration." });
    expect(mine.body.log).toEqual([]);
  });

  it("hides marks until the quiz closes when asked, and computes highest / last / average", async () => {
    const id = await newQuiz({ reviewMarks: "after_close", reviewAnswers: "never", gradingMethod: "last", attemptsAllowed: 2 }, ["single", "truefalse"]);
    const a1 = await start(L[0], id);
    await save(L[0], a1.id, slotOf(a1, "single"), 1, right("single"));
    await save(L[0], a1.id, slotOf(a1, "truefalse"), 1, right("truefalse"));
    const s1 = await L[0].post(`/api/v1/quiz-attempts/${a1.id}/submit`);
    expect(s1.body).toMatchObject({ score: null, showMarks: false });
    expect(s1.body.questions[0].result).toBeNull();
    const a2 = await start(L[0], id);
    await save(L[0], a2.id, slotOf(a2, "single"), 1, right("single"));
    await L[0].post(`/api/v1/quiz-attempts/${a2.id}/submit`);
    expect((await L[0].post(`${q(id)}/attempts`)).body.error.code).toBe("quizzes.no_attempts_left");
    const results = await teacher.get(`${q(id)}/results`);
    const row = results.body.items.find((r: { userId: string }) => r.userId === learnerIds[0]);
    expect(row.grade).toBe(1);
    await teacher.patch(q(id), { gradingMethod: "highest" });
    const gradeRow = () =>
      t.k.db
        .selectFrom("grades as g")
        .innerJoin("grade_items as i", (j) => j.onRef("i.tenant_id", "=", "g.tenant_id").onRef("i.id", "=", "g.grade_item_id"))
        .select(["g.score", "g.released"])
        .where("g.tenant_id", "=", p.tenantId)
        .where("i.source_id", "=", id)
        .where("g.user_id", "=", learnerIds[0])
        .executeTakeFirstOrThrow();
    expect(await gradeRow()).toEqual({ score: 2, released: false });
    await teacher.patch(q(id), { gradingMethod: "average" });
    expect((await gradeRow()).score).toBe(1.5);
    // the quiz closes: the sweep releases the grades
    await t.k.db
      .updateTable("quizzes")
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where("tenant_id", "=", p.tenantId)
      .where("item_id", "=", id)
      .execute();
    await sweepQuizzes(t.k);
    expect(await gradeRow()).toEqual({ score: 1.5, released: true });
    expect((await L[0].get(q(id))).body.grade).toBe(1.5);
  });

  it("gives an accommodated learner extra time and an extra attempt", async () => {
    const id = await newQuiz({ timeLimitMinutes: 10, attemptsAllowed: 1 }, ["single"]);
    expect((await teacher.put(`${q(id)}/accommodations/${learnerIds[1]}`, { extraMinutes: 5, extraAttempts: 1 })).status).toBe(200);
    expect((await L[1].put(`${q(id)}/accommodations/${learnerIds[1]}`, { extraMinutes: 50, extraAttempts: 9 })).status).toBe(403);
    const a = await start(L[1], id);
    const minutes = (new Date(a.deadline!).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14.5);
    expect(minutes).toBeLessThanOrEqual(15);
    await L[1].post(`/api/v1/quiz-attempts/${a.id}/submit`);
    expect((await L[1].post(`${q(id)}/attempts`)).status).toBe(200);
  });

  it("regrades attempts after a question is fixed", async () => {
    const id = await newQuiz({}, ["single"]);
    const a = await start(L[2], id);
    await save(L[2], a.id, 0, 1, { type: "single", optionId: "p8" });
    expect((await L[2].post(`/api/v1/quiz-attempts/${a.id}/submit`)).body.score).toBe(0);
    // the author fixes the question: Brest accepted too (a new version)
    const s = bank.questions.find((x) => x.type === "single")!;
    const v1 = await t.k.db
      .selectFrom("question_versions")
      .select("definition")
      .where("tenant_id", "=", p.tenantId)
      .where("id", "=", s.versionId)
      .executeTakeFirstOrThrow();
    const def = v1.definition as { options: { id: string; fraction: number }[] };
    def.options = def.options.map((o) => (o.id === "p8" ? { ...o, fraction: 1 } : o));
    const v2 = newId();
    await t.k.db
      .insertInto("question_versions")
      .values({ tenant_id: p.tenantId, id: v2, question_id: s.questionId, version: 2, type: "single", points: 1, definition: JSON.stringify(def) })
      .execute();
    await t.k.db.updateTable("questions").set({ latest_version: 2 }).where("tenant_id", "=", p.tenantId).where("id", "=", s.questionId).execute();
    const slots = await teacher.get(`${q(id)}/slots`);
    expect(slots.body.items[0]).toMatchObject({ version: 1, latestVersion: 2, latestVersionId: v2 });
    const r = await teacher.post(`${q(id)}/regrade`, { questionId: s.questionId, regradeAttempts: true });
    expect(r.body).toEqual({ slotsUpdated: 1, attemptsRegraded: 1 });
    const after = await teacher.get(`/api/v1/quiz-attempts/${a.id}`);
    expect(after.body.score).toBe(1);
    expect(after.body.log).toMatchObject([{ reason: "regrade", oldPoints: 0, newPoints: 1 }]);
    expect((await L[2].post(`${q(id)}/regrade`, { questionId: s.questionId, regradeAttempts: true })).status).toBe(403);
  });
});

describe("file answers", () => {
  it("are readable by the course's teachers and their owner, by no other learner", async () => {
    const id = await newQuiz({}, ["file"]);
    const a = await start(L[0], id);
    const fileId = newId();
    await t.k.db
      .insertInto("files")
      .values({ tenant_id: p.tenantId, id: fileId, owner_id: learnerIds[0], purpose: "document", name: "schema.pdf", mime: "application/pdf", status: "ready" })
      .execute();
    expect((await teacher.get(`/api/v1/files/${fileId}/info`)).status).toBe(404);
    expect((await save(L[0], a.id, 0, 1, { type: "file", fileIds: [fileId] })).status).toBe(200);
    expect((await teacher.get(`/api/v1/files/${fileId}/info`)).status).toBe(200);
    expect((await L[0].get(`/api/v1/files/${fileId}/info`)).status).toBe(200);
    expect((await L[1].get(`/api/v1/files/${fileId}/info`)).status).toBe(404);
    // naming someone else's file in one's own answer shows it to nobody
    const b = await start(L[1], id);
    const other = newId();
    await t.k.db
      .insertInto("files")
      .values({ tenant_id: p.tenantId, id: other, owner_id: learnerIds[2], purpose: "document", name: "x.pdf", mime: "application/pdf", status: "ready" })
      .execute();
    await save(L[1], b.id, 0, 1, { type: "file", fileIds: [other] });
    expect((await teacher.get(`/api/v1/files/${other}/info`)).status).toBe(404);
    expect((await L[1].get(`/api/v1/files/${other}/info`)).status).toBe(404);
  });
});

describe("demo", () => {
  it("adds a quiz of every type with graded, waiting and running attempts", async () => {
    const { loadQuizDemo } = await import("./demo.ts");
    const teacherRow = await t.k.db
      .selectFrom("users")
      .select("id")
      .where("tenant_id", "=", p.tenantId)
      .where("username", "=", "prof")
      .executeTakeFirstOrThrow();
    const c = await makeCourse(p.tenantId, p.rootOrgId, teacherRow.id, learnerIds.slice(0, 3));
    await loadQuizDemo(t.k, { tenantId: p.tenantId, courseId: c.id, teacherId: teacherRow.id, learnerIds: learnerIds.slice(0, 3) });
    const quiz = await t.k.db
      .selectFrom("course_items")
      .select("id")
      .where("tenant_id", "=", p.tenantId)
      .where("course_id", "=", c.id)
      .where("kind", "=", "quiz")
      .executeTakeFirstOrThrow();
    const results = await teacher.get(`/api/v1/courses/${c.id}/quizzes/${quiz.id}/results`);
    const states = results.body.items.map((r: { attempts: { state: string; needsGrading: boolean }[] }) =>
      r.attempts.map((a) => `${a.state}${a.needsGrading ? "*" : ""}`).join(),
    );
    expect(states).toEqual(["submitted", "submitted*", "in_progress"]);
    // the essay was graded with its rubric: 5 of 6 points on an essay worth 4 (3.33), plus 12 elsewhere
    expect(results.body.items[0].grade).toBe(15.33);
    const graded = await teacher.get(`/api/v1/quiz-attempts/${results.body.items[0].attempts[0].id}`);
    const essay = graded.body.questions.find((x: { question: { type: string } }) => x.question.type === "essay");
    expect(essay).toMatchObject({ rubric: { kind: "rubric" }, result: { points: 3.33, rubricFill: { steps: { levelId: "s2" }, words: { levelId: "w2" } } } });
    expect((await teacher.get(`/api/v1/courses/${c.id}/quizzes/${quiz.id}/grading`)).body.items).toHaveLength(1);
  });
});
