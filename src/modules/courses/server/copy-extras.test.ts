import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { type Client, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { insertSampleQuestions } from "../../quizzes/server/sample-questions.ts";

/**
 * A copy of a course inside its platform (and a course made from a template) carries its quizzes
 * (settings, questions in the copy's own bank, a slot drawing at random from a category) and its
 * assignments (settings, rubric), each with its grade item: the copy's quiz opens and is scored,
 * its assignment takes a submission. Nobody's work comes along, nor the run's dates.
 */

const para = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
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

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let dept: { id: string; path: string };
let teacher: Client;
let colleague: Client;
let learner: Client;
let learnerId: string;
let source: string;
let quizId: string;
let asgId: string;
let bank: Awaited<ReturnType<typeof insertSampleQuestions>>;
let drawBank: Awaited<ReturnType<typeof insertSampleQuestions>>;

/** A course's items by title. */
async function itemsOf(courseId: string) {
  const rows = await t.k.db
    .selectFrom("course_items")
    .select(["id", "title", "kind"])
    .where("tenant_id", "=", p.tenantId)
    .where("course_id", "=", courseId)
    .execute();
  return new Map(rows.map((r) => [r.title, r]));
}
/** Published and with the learner enrolled. */
async function openToLearner(courseId: string) {
  await t.k.db.updateTable("courses").set({ status: "published" }).where("tenant_id", "=", p.tenantId).where("id", "=", courseId).execute();
  await t.k.db
    .insertInto("course_members")
    .values({ tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: learnerId, role: "learner", source: "teacher" })
    .execute();
}
const gradeItem = (itemId: string) =>
  t.k.db
    .selectFrom("grade_items")
    .select(["max_score", "pass_score"])
    .where("tenant_id", "=", p.tenantId)
    .where("course_item_id", "=", itemId)
    .executeTakeFirst();

/** What a copy must have: a quiz the learner can take and score, an assignment with its rubric taking a submission. */
async function checkCopy(copyId: string, editor: Client) {
  const items = await itemsOf(copyId);
  const q = items.get("Contrôle")!.id;
  const a = items.get("Compte rendu")!.id;
  expect(q).not.toBe(quizId);

  // the quiz: settings without the run's dates, three slots (two questions, one drawn from a category)
  const settings = await editor.get(`/api/v1/courses/${copyId}/quizzes/${q}`);
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
  expect(settings.body.quiz).toMatchObject({ attemptsAllowed: 2, passPercent: 50, timeLimitMinutes: 10, opensAt: null, closesAt: null });
  const slots = await editor.get(`/api/v1/courses/${copyId}/quizzes/${q}/slots`);
  expect(slots.status, JSON.stringify(slots.body)).toBe(200);
  expect(slots.body.items).toHaveLength(3);
  expect(Number((await gradeItem(q))?.max_score)).toBe(3);

  // the copy's questions are its own: in categories of the copy's bank, none of the source's rows
  const rows = await t.k.db
    .selectFrom("quiz_slots as s")
    .leftJoin("questions as qu", (j) => j.onRef("qu.tenant_id", "=", "s.tenant_id").onRef("qu.id", "=", "s.question_id"))
    .leftJoin("question_categories as c", (j) =>
      j.onRef("c.tenant_id", "=", "s.tenant_id").on((eb) => eb.or([eb("c.id", "=", eb.ref("s.category_id")), eb("c.id", "=", eb.ref("qu.category_id"))])),
    )
    .select(["s.question_id", "s.version_id", "s.category_id", "c.course_id"])
    .where("s.tenant_id", "=", p.tenantId)
    .where("s.quiz_id", "=", q)
    .orderBy("s.position")
    .execute();
  expect(rows).toHaveLength(3);
  for (const r of rows) expect(r.course_id).toBe(copyId);
  const sourceIds = [bank.categoryId, drawBank.categoryId, ...[...bank.questions, ...drawBank.questions].flatMap((x) => [x.questionId, x.versionId])];
  for (const r of rows) for (const id of [r.question_id, r.version_id, r.category_id]) if (id) expect(sourceIds).not.toContain(id);
  expect(rows[2].category_id).not.toBeNull();

  // a learner takes it and gets full marks
  await openToLearner(copyId);
  const start = await learner.post(`/api/v1/courses/${copyId}/quizzes/${q}/attempts`);
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  expect(start.body.questions).toHaveLength(3);
  let seq = 1;
  for (const x of start.body.questions as { slot: number; question: { type: string } }[]) {
    const right = [...bank.questions, ...drawBank.questions].find((s) => s.type === x.question.type)!.right;
    expect((await learner.put(`/api/v1/quiz-attempts/${start.body.id}/answers/${x.slot}`, { seq: seq++, response: right })).status).toBe(200);
  }
  const sub = await learner.post(`/api/v1/quiz-attempts/${start.body.id}/submit`);
  expect(sub.status, JSON.stringify(sub.body)).toBe(200);
  expect(sub.body).toMatchObject({ state: "submitted", score: 3, maxScore: 3 });

  // the assignment: settings, instructions and rubric, no due date; takes a submission
  const base = `/api/v1/courses/${copyId}/assignments/${a}`;
  const view = await editor.get(base);
  expect(view.status, JSON.stringify(view.body)).toBe(200);
  expect(JSON.stringify(view.body)).toContain("Décrivez l'expérience.");
  expect(JSON.stringify(view.body)).toContain("Démarche expérimentale");
  const row = await t.k.db.selectFrom("assignments").selectAll().where("tenant_id", "=", p.tenantId).where("item_id", "=", a).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ course_id: copyId, due_at: null, opens_at: null, cutoff_at: null, released_at: null, file_submissions: true, max_files: 2 });
  expect(Number(row.max_score)).toBe(10);
  expect(row.rubric_id).not.toBeNull();
  const src = await t.k.db
    .selectFrom("assignments")
    .select("rubric_id")
    .where("tenant_id", "=", p.tenantId)
    .where("item_id", "=", asgId)
    .executeTakeFirstOrThrow();
  expect(row.rubric_id).not.toBe(src.rubric_id);
  expect(Number((await gradeItem(a))?.max_score)).toBe(10);
  const seen = await learner.get(base);
  expect(seen.status, JSON.stringify(seen.body)).toBe(200);
  expect(JSON.stringify(seen.body)).toContain("Démarche expérimentale");
  const save = await learner.put(`${base}/submission`, { text: para("J'ai observé un arc-en-ciel."), revision: 0 });
  expect(save.status, JSON.stringify(save.body)).toBe(200);
  const done = await learner.post(`${base}/submission/submit`, { revision: 1 });
  expect(done.status, JSON.stringify(done.body)).toBe(200);

  // nobody's work came along: the only attempt and submission are the ones just made
  expect(await t.k.db.selectFrom("quiz_attempts").select("id").where("tenant_id", "=", p.tenantId).where("quiz_id", "=", q).execute()).toHaveLength(1);
  expect(await t.k.db.selectFrom("assignment_submissions").select("id").where("tenant_id", "=", p.tenantId).where("item_id", "=", a).execute()).toHaveLength(1);
  expect(await t.k.db.selectFrom("assignment_extensions").select("item_id").where("tenant_id", "=", p.tenantId).where("item_id", "=", a).execute()).toEqual([]);
  expect(await t.k.db.selectFrom("quiz_accommodations").select("quiz_id").where("tenant_id", "=", p.tenantId).where("quiz_id", "=", q).execute()).toEqual([]);
  return { q, a };
}

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "copies");
  dept = await makeOrg(t.k, p.tenantId, rootOf(p), "Finistère");
  await makeUser(t.k, p.tenantId, dept.id, "prof", "teacher");
  await makeUser(t.k, p.tenantId, dept.id, "collegue", "teacher");
  learnerId = (await makeUser(t.k, p.tenantId, dept.id, "eleve", "learner")).id;
  teacher = await signedIn(t.app, { host: p.host }, "prof");
  colleague = await signedIn(t.app, { host: p.host }, "collegue");
  learner = await signedIn(t.app, { host: p.host }, "eleve");

  source = (await teacher.post("/api/v1/courses", { orgId: dept.id, title: "Optique" })).body.id;
  const section = (await teacher.post(`/api/v1/courses/${source}/sections`, { title: "La lumière" })).body.id;
  bank = await insertSampleQuestions(t.k.db, p.tenantId, source, { types: ["single", "truefalse"], categoryName: "Optique" });
  drawBank = await insertSampleQuestions(t.k.db, p.tenantId, source, { types: ["numeric"], categoryName: "Calcul" });
  const quiz = await teacher.post(`/api/v1/courses/${source}/quizzes`, {
    sectionId: section,
    title: "Contrôle",
    attemptsAllowed: 2,
    passPercent: 50,
    timeLimitMinutes: 10,
    opensAt: "2026-11-01T08:00:00.000Z",
    closesAt: "2027-06-30T18:00:00.000Z",
  });
  expect(quiz.status, JSON.stringify(quiz.body)).toBe(200);
  quizId = quiz.body.itemId;
  const slots = await teacher.put(`/api/v1/courses/${source}/quizzes/${quizId}/slots`, {
    slots: [...bank.questions.map((q) => ({ versionId: q.versionId, page: 1 })), { categoryId: drawBank.categoryId, page: 2 }],
  });
  expect(slots.status, JSON.stringify(slots.body)).toBe(200);
  const asg = await teacher.post(`/api/v1/courses/${source}/assignments`, {
    sectionId: section,
    title: "Compte rendu",
    instructions: para("Décrivez l'expérience."),
    maxScore: 10,
    passScore: 5,
    fileSubmissions: true,
    maxFiles: 2,
    dueAt: "2027-06-30T18:00:00.000Z",
    rubric,
  });
  expect(asg.status, JSON.stringify(asg.body)).toBe(200);
  asgId = asg.body.item.id;
  // the source has a learner's work: none of it may come along
  await openToLearner(source);
  const att = await learner.post(`/api/v1/courses/${source}/quizzes/${quizId}/attempts`);
  expect(att.status, JSON.stringify(att.body)).toBe(200);
});
afterAll(() => t.close());

describe("copying a course inside its platform", () => {
  let copy: { q: string; a: string; id: string };

  it("carries the quiz (questions, random draw) and the assignment (settings, rubric): both usable in the copy", async () => {
    const r = await teacher.post(`/api/v1/courses/${source}/copy`, { title: "Optique (copie)" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    copy = { id: r.body.id, ...(await checkCopy(r.body.id, teacher)) };
  });

  it("shares no question with the original: editing one in the copy leaves the original as it was", async () => {
    const row = await t.k.db
      .selectFrom("quiz_slots")
      .select(["question_id"])
      .where("tenant_id", "=", p.tenantId)
      .where("quiz_id", "=", copy.q)
      .where("question_id", "is not", null)
      .orderBy("position")
      .executeTakeFirstOrThrow();
    const detail = await teacher.get(`/api/v1/questions/${row.question_id}`);
    expect(detail.status, JSON.stringify(detail.body)).toBe(200);
    const edit = await teacher.put(`/api/v1/questions/${row.question_id}`, {
      ...detail.body,
      definition: { ...detail.body.definition, stem: "Question modifiée dans la copie" },
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect((await teacher.get(`/api/v1/questions/${row.question_id}`)).body.definition.stem).toBe("Question modifiée dans la copie");
    // the copy's slot now has a newer version to take; the original's does not
    const copySlots = (await teacher.get(`/api/v1/courses/${copy.id}/quizzes/${copy.q}/slots`)).body.items;
    const srcSlots = (await teacher.get(`/api/v1/courses/${source}/quizzes/${quizId}/slots`)).body.items;
    expect(copySlots[0].latestVersion).toBe(2);
    expect(srcSlots[0]).toMatchObject({ questionId: bank.questions[0].questionId, latestVersion: null, stem: "Quelle est la capitale de la Bretagne ?" });
    expect(JSON.stringify(srcSlots)).not.toContain("modifiée");
    const original = await t.k.db
      .selectFrom("question_versions")
      .select(["definition"])
      .where("tenant_id", "=", p.tenantId)
      .where("question_id", "=", bank.questions[0].questionId)
      .execute();
    expect(original).toHaveLength(1);
    expect(JSON.stringify(original[0].definition)).not.toContain("modifiée");
  });

  it("a template carries them too, and so does a course made from the template", async () => {
    const tpl = await teacher.post(`/api/v1/courses/${source}/copy`, { title: "Optique (modèle)", template: true });
    expect(tpl.status, JSON.stringify(tpl.body)).toBe(200);
    const fresh = await colleague.post(`/api/v1/courses/${tpl.body.id}/copy`, { title: "Mon optique" });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    await checkCopy(fresh.body.id, colleague);
  });
});
