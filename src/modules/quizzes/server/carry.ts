import type { Kysely } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import { newId } from "../../../kernel/ids.ts";
import type { CarriedQuestion, CarriedQuiz, ContentItem, ExtrasHandler, QuizSettings } from "../../courses/server/index.ts";
import { upsertGradeItem } from "../../gradebook/server/api.ts";
import { insertCourseCategoryWithQuestions } from "../../questions/server/api.ts";

/**
 * What a copy of a course carries of its quizzes (see courses/server/extras.ts): settings without
 * the run's dates, and the questions in slot order, a random slot with its category's questions.
 * Never attempts, answers, accommodations or grades.
 */

/** A quiz item without a quiz row (an old copy) carries these settings, as a new quiz has. */
export const QUIZ_DEFAULTS: QuizSettings = {
  intro: "",
  time_limit_s: null,
  attempts_allowed: null,
  grading_method: "highest",
  shuffle_questions: false,
  shuffle_answers: true,
  review_marks: "immediately",
  review_answers: "after_close",
  pass_percent: null,
};

const NONE = ["00000000-0000-0000-0000-000000000000"];
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The quizzes of these items on the platform `tid`, by item key: a few queries whatever their number. */
export async function readQuizzes(db: Kysely<DB>, tid: string, items: readonly ContentItem[]): Promise<Map<string, CarriedQuiz>> {
  const out = new Map<string, CarriedQuiz>();
  const quizIds = items.filter((i) => i.kind === "quiz").map((i) => i.key);
  if (!quizIds.length) return out;
  const [quizzes, slots] = await Promise.all([
    db.selectFrom("quizzes").selectAll().where("tenant_id", "=", tid).where("item_id", "in", quizIds).execute(),
    db
      .selectFrom("quiz_slots")
      .select(["quiz_id", "position", "page", "version_id", "category_id", "points"])
      .where("tenant_id", "=", tid)
      .where("quiz_id", "in", quizIds)
      .orderBy("quiz_id")
      .orderBy("position")
      .execute(),
  ]);
  const versionIds = slots.flatMap((s) => (s.version_id ? [s.version_id] : []));
  const categoryIds = [...new Set(slots.flatMap((s) => (s.category_id ? [s.category_id] : [])))];
  const [versions, drawn, categories] = await Promise.all([
    db
      .selectFrom("question_versions as v")
      .innerJoin("questions as q", (j) => j.onRef("q.tenant_id", "=", "v.tenant_id").onRef("q.id", "=", "v.question_id"))
      .select(["v.id", "q.name", "v.type", "v.points", "v.definition"])
      .where("v.tenant_id", "=", tid)
      .where("v.id", "in", versionIds.length ? versionIds : NONE)
      .execute(),
    db
      .selectFrom("question_versions as v")
      .innerJoin("questions as q", (j) =>
        j.onRef("q.tenant_id", "=", "v.tenant_id").onRef("q.id", "=", "v.question_id").onRef("q.latest_version", "=", "v.version"),
      )
      .select(["q.category_id", "q.name", "v.type", "v.points", "v.definition"])
      .where("v.tenant_id", "=", tid)
      .where("q.category_id", "in", categoryIds.length ? categoryIds : NONE)
      .where("q.deleted_at", "is", null)
      .orderBy("q.created_at")
      .orderBy("q.id")
      .execute(),
    db
      .selectFrom("question_categories")
      .select(["id", "name"])
      .where("tenant_id", "=", tid)
      .where("id", "in", categoryIds.length ? categoryIds : NONE)
      .execute(),
  ]);
  const question = (r: { name: string; type: string; points: number; definition: unknown }): CarriedQuestion => ({
    name: r.name,
    type: r.type,
    points: Number(r.points),
    definition: r.definition,
  });
  const versionById = new Map(versions.map((v) => [v.id, question(v)]));
  const categoryName = new Map(categories.map((c) => [c.id, c.name]));
  const quizById = new Map(quizzes.map((q) => [q.item_id, q]));

  for (const key of quizIds) {
    const q = quizById.get(key);
    const settings: QuizSettings = q
      ? {
          intro: q.intro,
          time_limit_s: q.time_limit_s,
          attempts_allowed: q.attempts_allowed,
          grading_method: q.grading_method,
          shuffle_questions: q.shuffle_questions,
          shuffle_answers: q.shuffle_answers,
          review_marks: q.review_marks,
          review_answers: q.review_answers,
          pass_percent: num(q.pass_percent),
        }
      : { ...QUIZ_DEFAULTS };
    const cats: string[] = [];
    const quiz: CarriedQuiz = { settings, slots: [], categories: [] };
    for (const s of slots) {
      if (s.quiz_id !== key) continue;
      if (s.version_id) {
        const v = versionById.get(s.version_id);
        if (v) quiz.slots.push({ page: s.page, points: Number(s.points), question: v });
      } else if (s.category_id) {
        let at = cats.indexOf(s.category_id);
        if (at < 0) {
          at = cats.push(s.category_id) - 1;
          quiz.categories.push({
            name: categoryName.get(s.category_id) ?? "—",
            questions: drawn.filter((d) => d.category_id === s.category_id).map(question),
          });
        }
        quiz.slots.push({ page: s.page, points: Number(s.points), category: at });
      }
    }
    out.set(key, quiz);
  }
  return out;
}

/**
 * Writes a carried quiz for the item `itemId` of a course (inside the caller's transaction): its
 * settings (an existing quiz row is updated, its dates kept), its questions in new categories of
 * the course's bank (slots replaced), and its grade item when it has points.
 */
export async function writeQuiz(
  tx: Kysely<DB>,
  to: { tid: string; courseId: string; userId: string },
  itemId: string,
  item: { title: string },
  q: CarriedQuiz,
) {
  const { tid, courseId, userId } = to;
  await tx
    .insertInto("quizzes")
    .values({ tenant_id: tid, item_id: itemId, course_id: courseId, ...q.settings })
    .onConflict((oc) => oc.columns(["tenant_id", "item_id"]).doUpdateSet({ ...q.settings, updated_at: new Date() }))
    .execute();
  const fixed = q.slots.flatMap((s) => ("question" in s ? [s.question] : []));
  const mine = fixed.length ? await insertCourseCategoryWithQuestions(tx, tid, courseId, item.title, fixed, userId) : null;
  const drawFrom: string[] = [];
  for (const c of q.categories) drawFrom.push((await insertCourseCategoryWithQuestions(tx, tid, courseId, c.name, c.questions, userId)).categoryId);
  await tx.deleteFrom("quiz_slots").where("tenant_id", "=", tid).where("quiz_id", "=", itemId).execute();
  let f = 0;
  const rows = q.slots.map((s, position) => {
    const base = { tenant_id: tid, id: newId(), quiz_id: itemId, position, page: s.page, points: s.points };
    if ("question" in s) {
      const made = mine!.questions[f++];
      return { ...base, question_id: made.questionId, version_id: made.versionId, category_id: null };
    }
    return { ...base, question_id: null, version_id: null, category_id: drawFrom[s.category] };
  });
  if (rows.length) await tx.insertInto("quiz_slots").values(rows).execute();
  // the grade item, as the quiz editor makes it once the quiz has points (pushGrades)
  const max = Math.round(q.slots.reduce((n, s) => n + s.points, 0) * 1e6) / 1e6;
  if (max > 0)
    await upsertGradeItem(tx, tid, {
      courseId,
      source: { type: "quiz", id: itemId },
      courseItemId: itemId,
      title: item.title,
      maxScore: max,
      passScore: q.settings.pass_percent === null ? null : (q.settings.pass_percent / 100) * max,
    });
}

export const quizExtras: ExtrasHandler<CarriedQuiz> = { read: readQuizzes, write: writeQuiz };
