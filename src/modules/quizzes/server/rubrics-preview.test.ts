import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser } from "../../../../test/factories.ts";
import { type Client, countSteady, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { startSmtp } from "../../../../test/smtp.ts";
import { newId } from "../../../kernel/ids.ts";
import { runJobs } from "../../notifications/server/index.ts";
import { insertSampleQuestions } from "./sample-questions.ts";
import { sweepQuizzes } from "./sweep.ts";

/** Rubrics in the quiz grading queue, teachers' previews and the notice sent when quiz marks become visible. */
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let p: Awaited<ReturnType<typeof makePlatform>>;
let other: Awaited<ReturnType<typeof makePlatform>>;
let teacher: Client;
let otherAdmin: Client;
const L: Client[] = [];
const learnerIds: string[] = [];
let teacherId: string;
let courseId: string;
let sectionId: string;
let bank: Awaited<ReturnType<typeof insertSampleQuestions>>;

const q = (itemId: string) => `/api/v1/courses/${courseId}/quizzes/${itemId}`;
const right = (type: string) => bank.questions.find((x) => x.type === type)!.right;
const question = (type: string) => bank.questions.find((x) => x.type === type)!;
type AttemptBody = { id: string; questions: { slot: number; question: { type: string } }[] };
const slotOf = (a: AttemptBody, type: string) => a.questions.find((x) => x.question.type === type)!.slot;

async function newQuiz(settings: object, types: string[]) {
  const r = await teacher.post(`/api/v1/courses/${courseId}/quizzes`, { sectionId, title: "Le cycle de l'eau", attemptsAllowed: 3, ...settings });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const slots = bank.questions.filter((x) => types.includes(x.type)).map((x) => ({ versionId: x.versionId, page: 1 }));
  expect((await teacher.put(`${q(r.body.itemId)}/slots`, { slots })).status).toBe(200);
  return r.body.itemId as string;
}
/** A learner answers the essay (and the single choice, right) and submits. */
async function takeEssay(c: Client, itemId: string) {
  const a = (await c.post(`${q(itemId)}/attempts`)).body as AttemptBody;
  expect((await c.put(`/api/v1/quiz-attempts/${a.id}/answers/${slotOf(a, "essay")}`, { seq: 1, response: right("essay") })).status).toBe(200);
  if (a.questions.some((x) => x.question.type === "single"))
    expect((await c.put(`/api/v1/quiz-attempts/${a.id}/answers/${slotOf(a, "single")}`, { seq: 1, response: right("single") })).status).toBe(200);
  const s = await c.post(`/api/v1/quiz-attempts/${a.id}/submit`);
  expect(s.body).toMatchObject({ state: "submitted", needsGrading: true });
  return a;
}
const gradeOf = (itemId: string, userId: string) =>
  t.k.db
    .selectFrom("grades as g")
    .innerJoin("grade_items as i", (j) => j.onRef("i.tenant_id", "=", "g.tenant_id").onRef("i.id", "=", "g.grade_item_id"))
    .select(["g.score", "g.released"])
    .where("g.tenant_id", "=", p.tenantId)
    .where("i.source_id", "=", itemId)
    .where("g.user_id", "=", userId)
    .executeTakeFirst();

const RUBRIC = {
  kind: "rubric",
  criteria: [
    {
      id: "steps",
      description: "Les étapes du cycle",
      levels: [
        { id: "s0", points: 0, description: "Aucune" },
        { id: "s1", points: 2, description: "Quelques-unes" },
        { id: "s2", points: 4, description: "Toutes, dans l'ordre" },
      ],
    },
    {
      id: "words",
      description: "Vocabulaire",
      levels: [
        { id: "w0", points: 0, description: "Imprécis" },
        { id: "w1", points: 1, description: "Juste" },
        { id: "w2", points: 2, description: "Précis et varié" },
      ],
    },
  ],
};

beforeAll(async () => {
  smtp = await startSmtp();
  t = await testApp({ SMTP_URL: smtp.url });
  p = await makePlatform(t.k, "grille");
  other = await makePlatform(t.k, "ailleurs");
  teacherId = (await makeUser(t.k, p.tenantId, p.rootOrgId, "prof", "teacher")).id;
  for (let i = 1; i <= 3; i++) learnerIds.push((await makeUser(t.k, p.tenantId, p.rootOrgId, `eleve${i}`)).id);
  courseId = newId();
  await t.k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "Sciences", status: "published" }).execute();
  await t.k.db
    .insertInto("course_members")
    .values([
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: teacherId, role: "teacher" },
      ...learnerIds.map((u) => ({ tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: u, role: "learner" as const })),
    ])
    .execute();
  sectionId = newId();
  await t.k.db.insertInto("course_sections").values({ tenant_id: p.tenantId, id: sectionId, course_id: courseId, position: 0, title: "Évaluations" }).execute();
  bank = await insertSampleQuestions(t.k.db, p.tenantId, courseId);
  teacher = await signedIn(t.app, { host: p.host }, "prof");
  for (let i = 1; i <= 3; i++) L.push(await signedIn(t.app, { host: p.host }, `eleve${i}`));
  otherAdmin = await signedIn(t.app, { host: other.host }, other.adminLogin);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe("rubrics in the quiz grading queue", () => {
  let id: string;
  let attempt: AttemptBody;
  const rubricUrl = (type: string) => `${q(id)}/rubrics/${question(type).questionId}`;

  it("attaches a rubric to an essay of the quiz: editors only, manual types only, other platform 404, bad rubric 422 localized", async () => {
    id = await newQuiz({ reviewMarks: "immediately", reviewAnswers: "after_close" }, ["single", "essay"]);
    expect((await L[0].put(rubricUrl("essay"), { rubric: RUBRIC })).status).toBe(403);
    expect((await otherAdmin.put(rubricUrl("essay"), { rubric: RUBRIC })).status).toBe(404);
    expect((await teacher.put(`${q(id)}/rubrics/${newId()}`, { rubric: RUBRIC })).status).toBe(404);
    const auto = await teacher.put(rubricUrl("single"), { rubric: RUBRIC });
    expect(auto.status).toBe(422);
    expect(auto.body.error.fields.rubric).toBe("Seules les questions notées à la main (rédaction, fichier) peuvent avoir une grille.");
    const empty = await teacher.put(rubricUrl("essay"), { rubric: { kind: "rubric", criteria: [] } });
    expect(empty.status).toBe(422);
    expect(Object.keys(empty.body.error.fields)).toEqual(["rubric.criteria"]);
    const en = await signedIn(t.app, { host: p.host, lang: "en" }, "prof");
    const enAuto = await en.put(rubricUrl("single"), { rubric: RUBRIC });
    expect(enAuto.body.error.fields.rubric).toBe("Only manually graded questions (essay, file) can have a rubric.");
    const ok = await teacher.put(rubricUrl("essay"), { rubric: RUBRIC });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const essaySlot = ok.body.items.find((s: { type: string }) => s.type === "essay");
    expect(essaySlot.rubric).toEqual(RUBRIC);
    // saving the slots again (a question added, the order changed) keeps it: it belongs to the question in this quiz
    const slots = [...ok.body.items].reverse().map((s: { versionId: string; page: number }) => ({ versionId: s.versionId, page: s.page }));
    const again = await teacher.put(`${q(id)}/slots`, { slots });
    expect(again.body.items.find((s: { type: string }) => s.type === "essay").rubric).toEqual(RUBRIC);
  });

  it("grades a queued essay with the rubric: complete fills only, points scaled to the question's, stored with the grade and its log", async () => {
    attempt = await takeEssay(L[0], id);
    const queue = await teacher.get(`${q(id)}/grading`);
    expect(queue.body.items).toHaveLength(1);
    expect(queue.body.items[0]).toMatchObject({ attemptId: attempt.id, rubric: RUBRIC, points: 4 });
    const url = `/api/v1/quiz-attempts/${attempt.id}/grades/${slotOf(attempt, "essay")}`;
    // authorization first: a learner (even the attempt's own) and another platform see nothing
    expect((await L[0].put(url, { rubricFill: { steps: { levelId: "s2" }, words: { levelId: "w1" } } })).status).toBe(404);
    expect((await otherAdmin.put(url, { rubricFill: { steps: { levelId: "s2" }, words: { levelId: "w1" } } })).status).toBe(404);
    const typed = await teacher.put(url, { points: 3 });
    expect(typed.status).toBe(422);
    expect(typed.body.error.fields.points).toBe("Cette question se note avec sa grille : choisissez un niveau par critère.");
    const partial = await teacher.put(url, { rubricFill: { steps: { levelId: "s2" } } });
    expect(partial.status).toBe(422);
    expect(Object.keys(partial.body.error.fields)).toEqual(["rubricFill.words"]);
    const unknown = await teacher.put(url, { rubricFill: { steps: { levelId: "s9" }, words: { levelId: "w1" } } });
    expect(unknown.status).toBe(422);
    expect(Object.keys(unknown.body.error.fields)).toEqual(["rubricFill.steps"]);
    expect((await teacher.put(url, { rubricFill: "s2" })).status).toBe(422);
    // the request queues no mail itself
    const before = smtp.mails.length;
    const g = await teacher.put(url, {
      rubricFill: { steps: { levelId: "s2", remark: "Toutes les étapes." }, words: { levelId: "w1" }, stray: { levelId: "x" } },
      comment: "Bien.",
    });
    expect(g.status, JSON.stringify(g.body)).toBe(200);
    expect(smtp.mails.length).toBe(before);
    // 5 of 6 rubric points, on an essay worth 4: 3.33; plus the single choice (1)
    const essay = g.body.questions.find((x: { question: { type: string } }) => x.question.type === "essay");
    expect(essay.result).toMatchObject({
      points: 3.33,
      comment: "Bien.",
      rubricFill: { steps: { levelId: "s2", remark: "Toutes les étapes." }, words: { levelId: "w1" } },
    });
    expect(essay.result.rubricFill.stray).toBeUndefined();
    expect(g.body).toMatchObject({ needsGrading: false, score: 4.33 });
    expect(g.body.log).toMatchObject([
      { reason: "manual", oldPoints: null, newPoints: 3.33, rubricFill: { steps: { levelId: "s2" }, words: { levelId: "w1" } } },
    ]);
    expect(await gradeOf(id, learnerIds[0])).toEqual({ score: 4.33, released: true });
    expect((await teacher.get(`${q(id)}/grading`)).body.items).toHaveLength(0);
  });

  it("shows the learner the rubric with the levels chosen, and tells them (in-app and by mail) that the grade is there", async () => {
    const mine = await L[0].get(`/api/v1/quiz-attempts/${attempt.id}`);
    const essay = mine.body.questions.find((x: { question: { type: string } }) => x.question.type === "essay");
    expect(essay.rubric).toEqual(RUBRIC);
    expect(essay.result).toMatchObject({ points: 3.33, rubricFill: { steps: { levelId: "s2" } } });
    expect(mine.body.log).toEqual([]);
    await runJobs(t.k);
    const notes = await t.k.db.selectFrom("notifications").selectAll().where("tenant_id", "=", p.tenantId).where("kind", "=", "grade.released").execute();
    expect(notes.map((n) => n.user_id)).toEqual([learnerIds[0]]);
    expect(notes[0]).toMatchObject({ params: { item: "Le cycle de l'eau", course: "Sciences" }, url: `/courses/${courseId}/quizzes/${id}` });
    const mail = smtp.mails.filter((m) => m.to === "eleve1@example.test");
    expect(mail.map((m) => m.subject)).toEqual(["Note disponible : Le cycle de l'eau"]);
    expect(mail[0]!.text).toContain("La note de votre test « Le cycle de l'eau » (cours « Sciences ») est disponible.");
  });

  it("keeps the rubric while it has graded answers, and keeps the fill through a regrade and an override", async () => {
    const changed = await teacher.put(rubricUrl("essay"), { rubric: { ...RUBRIC, criteria: RUBRIC.criteria.slice(0, 1) } });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe("quizzes.rubric_in_use");
    expect((await teacher.put(rubricUrl("essay"), { rubric: null })).status).toBe(409);
    expect((await teacher.put(rubricUrl("essay"), { rubric: RUBRIC })).status).toBe(200);
    // a regrade after a fix of the single choice leaves the person's grade and its fill
    const s = bank.questions.find((x) => x.type === "single")!;
    const v1 = await t.k.db
      .selectFrom("question_versions")
      .select("definition")
      .where("tenant_id", "=", p.tenantId)
      .where("id", "=", s.versionId)
      .executeTakeFirstOrThrow();
    const def = v1.definition as { options: { id: string; fraction: number }[] };
    def.options = def.options.map((o) => (o.id === "p8" ? { ...o, fraction: 1 } : o));
    await t.k.db
      .insertInto("question_versions")
      .values({ tenant_id: p.tenantId, id: newId(), question_id: s.questionId, version: 2, type: "single", points: 1, definition: JSON.stringify(def) })
      .execute();
    await t.k.db.updateTable("questions").set({ latest_version: 2 }).where("tenant_id", "=", p.tenantId).where("id", "=", s.questionId).execute();
    const r = await teacher.post(`${q(id)}/regrade`, { questionId: s.questionId, regradeAttempts: true });
    expect(r.status).toBe(200);
    const after = await teacher.get(`/api/v1/quiz-attempts/${attempt.id}`);
    const essay = after.body.questions.find((x: { question: { type: string } }) => x.question.type === "essay");
    expect(essay.result).toMatchObject({ points: 3.33, rubricFill: { steps: { levelId: "s2" }, words: { levelId: "w1" } } });
    // removing the grade (null points) clears the fill; the log keeps what it was
    const url = `/api/v1/quiz-attempts/${attempt.id}/grades/${slotOf(attempt, "essay")}`;
    const cleared = await teacher.put(url, { points: null });
    expect(cleared.body.needsGrading).toBe(true);
    expect(cleared.body.questions.find((x: { question: { type: string } }) => x.question.type === "essay").result.rubricFill).toBeNull();
    expect(cleared.body.log.at(-1)).toMatchObject({ reason: "override", oldPoints: 3.33, newPoints: null, rubricFill: null });
    expect(cleared.body.log[0].rubricFill).toMatchObject({ steps: { levelId: "s2" } });
  });

  it("hides the rubric feedback while marks are hidden, and tells learners when the quiz closes", async () => {
    const hidden = await newQuiz({ reviewMarks: "after_close", reviewAnswers: "never" }, ["essay"]);
    expect((await teacher.put(`${q(hidden)}/rubrics/${question("essay").questionId}`, { rubric: RUBRIC })).status).toBe(200);
    const a = await takeEssay(L[1], hidden);
    const url = `/api/v1/quiz-attempts/${a.id}/grades/${slotOf(a, "essay")}`;
    expect((await teacher.put(url, { rubricFill: { steps: { levelId: "s1" }, words: { levelId: "w2" } } })).body.score).toBe(2.67);
    await runJobs(t.k);
    const mine = await L[1].get(`/api/v1/quiz-attempts/${a.id}`);
    expect(mine.body.questions[0]).toMatchObject({ rubric: null, result: null });
    expect(smtp.mails.filter((m) => m.to === "eleve2@example.test")).toEqual([]);
    await t.k.db
      .updateTable("quizzes")
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where("tenant_id", "=", p.tenantId)
      .where("item_id", "=", hidden)
      .execute();
    await sweepQuizzes(t.k);
    await runJobs(t.k);
    expect(smtp.mails.filter((m) => m.to === "eleve2@example.test").map((m) => m.subject)).toEqual(["Note disponible : Le cycle de l'eau"]);
    const shown = await L[1].get(`/api/v1/quiz-attempts/${a.id}`);
    expect(shown.body.questions[0]).toMatchObject({ rubric: RUBRIC, result: { points: 2.67, rubricFill: { words: { levelId: "w2" } } } });
    // a teacher who opens marks that were hidden tells learners too (once: they were hidden before)
    const opened = await newQuiz({ reviewMarks: "never" }, ["single"]);
    const b = (await L[2].post(`${q(opened)}/attempts`)).body as AttemptBody;
    await L[2].put(`/api/v1/quiz-attempts/${b.id}/answers/${slotOf(b, "single")}`, { seq: 1, response: right("single") });
    await L[2].post(`/api/v1/quiz-attempts/${b.id}/submit`);
    await runJobs(t.k);
    expect(smtp.mails.filter((m) => m.to === "eleve3@example.test")).toEqual([]);
    expect((await teacher.patch(q(opened), { reviewMarks: "immediately" })).status).toBe(200);
    await teacher.patch(q(opened), { reviewMarks: "immediately", title: "Le cycle de l'eau" });
    await runJobs(t.k);
    expect(smtp.mails.filter((m) => m.to === "eleve3@example.test").map((m) => m.subject)).toEqual(["Note disponible : Le cycle de l'eau"]);
  });
});

describe("speed", () => {
  it("the grading queue reads a fixed number of statements, whatever the number of answers waiting", async () => {
    const id = await newQuiz({}, ["essay"]);
    expect((await teacher.put(`${q(id)}/rubrics/${question("essay").questionId}`, { rubric: RUBRIC })).status).toBe(200);
    await takeEssay(L[0], id);
    const one = await countSteady(() => teacher.get(`${q(id)}/grading`));
    expect(one.result.body.items).toHaveLength(1);
    await takeEssay(L[1], id);
    await takeEssay(L[2], id);
    const three = await countSteady(() => teacher.get(`${q(id)}/grading`));
    expect(three.result.body.items).toHaveLength(3);
    expect(three.result.body.items.every((x: { rubric: unknown }) => x.rubric)).toBe(true);
    expect(three.count).toBe(one.count);
    expect(three.count).toBeLessThanOrEqual(9);
  });
});

describe("teacher preview", () => {
  let id: string;
  let previewId: string;

  it("lets teachers take the quiz as a learner would, whatever its dates and attempt limit; learners and other platforms cannot", async () => {
    id = await newQuiz(
      {
        reviewMarks: "immediately",
        reviewAnswers: "immediately",
        attemptsAllowed: 1,
        closesAt: new Date(Date.now() - 60_000).toISOString(),
        opensAt: new Date(Date.now() - 3600_000).toISOString(),
      },
      ["single", "essay"],
    );
    expect((await L[2].post(`${q(id)}/preview`, {})).status).toBe(403);
    expect((await otherAdmin.post(`${q(id)}/preview`, {})).status).toBe(404);
    expect((await teacher.post(`${q(id)}/preview`, { fresh: "yes" })).status).toBe(422);
    const a = await teacher.post(`${q(id)}/preview`, {});
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body).toMatchObject({ preview: true, state: "in_progress", grader: false, number: 1 });
    previewId = a.body.id;
    // the preview in progress is continued
    expect((await teacher.post(`${q(id)}/preview`, {})).body.id).toBe(previewId);
    expect((await teacher.get(q(id))).body).toMatchObject({ canPreview: true, preview: { id: previewId, state: "in_progress", preview: true } });
    expect((await L[2].get(q(id))).body).toMatchObject({ canPreview: false, preview: null });
    const att = a.body as AttemptBody;
    expect((await teacher.put(`/api/v1/quiz-attempts/${previewId}/answers/${slotOf(att, "single")}`, { seq: 1, response: right("single") })).status).toBe(200);
    expect((await teacher.put(`/api/v1/quiz-attempts/${previewId}/answers/${slotOf(att, "essay")}`, { seq: 1, response: right("essay") })).status).toBe(200);
    const s = await teacher.post(`/api/v1/quiz-attempts/${previewId}/submit`);
    expect(s.status).toBe(200);
    // the review as a learner would see it: marks, feedback and the right answers
    expect(s.body).toMatchObject({ state: "submitted", preview: true, showMarks: true, showAnswers: true, needsGrading: true });
    const single = s.body.questions.find((x: { question: { type: string } }) => x.question.type === "single");
    expect(single.result).toMatchObject({ points: 1, review: { rightAnswer: right("single") } });
  });

  it("counts nowhere: not in results, grading queue, gradebook or events", async () => {
    const results = await teacher.get(`${q(id)}/results`);
    expect(results.body.items.flatMap((r: { attempts: unknown[] }) => r.attempts)).toEqual([]);
    expect((await teacher.get(`${q(id)}/grading`)).body.items).toEqual([]);
    const grades = await t.k.db.selectFrom("grades").select("user_id").where("tenant_id", "=", p.tenantId).where("user_id", "=", teacherId).execute();
    expect(grades).toEqual([]);
    // the teacher may still grade their preview's essay to see the learner's review: still nowhere
    const att = (await teacher.get(`/api/v1/quiz-attempts/${previewId}`)).body;
    const essay = att.questions.find((x: { question: { type: string } }) => x.question.type === "essay");
    expect((await teacher.put(`/api/v1/quiz-attempts/${previewId}/grades/${essay.slot}`, { points: 2 })).status).toBe(200);
    await t.k.events.flush();
    const events = await t.k.db.selectFrom("events").select("verb").where("tenant_id", "=", p.tenantId).where("object_id", "=", previewId).execute();
    expect(events).toEqual([]);
    expect(await t.k.db.selectFrom("grades").select("user_id").where("tenant_id", "=", p.tenantId).where("user_id", "=", teacherId).execute()).toEqual([]);
    await runJobs(t.k);
    expect(smtp.mails.filter((m) => m.to === "prof@example.test")).toEqual([]);
  });

  it("starts a fresh preview on request, discarding the earlier one", async () => {
    const fresh = await teacher.post(`${q(id)}/preview`, { fresh: true });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ preview: true, state: "in_progress" });
    expect(fresh.body.id).not.toBe(previewId);
    expect((await teacher.get(`/api/v1/quiz-attempts/${previewId}`)).status).toBe(404);
    const rows = await t.k.db.selectFrom("quiz_attempts").select(["id", "preview"]).where("tenant_id", "=", p.tenantId).where("quiz_id", "=", id).execute();
    expect(rows).toEqual([{ id: fresh.body.id, preview: true }]);
    // a learner can't open a teacher's preview
    expect((await L[2].get(`/api/v1/quiz-attempts/${fresh.body.id}`)).status).toBe(404);
  });
});
