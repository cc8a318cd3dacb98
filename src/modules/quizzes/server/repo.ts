import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { DB, QuizAnswersTable, QuizAttemptsTable, QuizSlotsTable } from "../../../kernel/db/schema.ts";
import type { QuestionType } from "../../questions/shared/types.ts";
import { getRubrics } from "../../rubrics/server/index.ts";
import type { RubricDefinition, RubricFill } from "../../rubrics/shared/rubric.ts";
import { GRACE_SECONDS } from "../shared/contract.ts";

export type Db = Kysely<DB> | Transaction<DB>;
export type SlotRow = Selectable<QuizSlotsTable>;
export type AnswerRow = Selectable<QuizAnswersTable>;

/** A question frozen into an attempt at its start, in the order the learner sees them. */
export type FrozenQuestion = {
  slotId: string;
  page: number;
  questionId: string;
  versionId: string;
  type: QuestionType;
  points: number;
  /** seeds the order of the question's options for this learner */
  seed: number;
};
export type AttemptRow = Omit<Selectable<QuizAttemptsTable>, "questions"> & { questions: FrozenQuestion[] };

/** A quiz item with its settings; an item created through the generic course API has no settings row yet: defaults. */
export function quizQuery(db: Db, tenantId: string) {
  return db
    .selectFrom("course_items as i")
    .leftJoin("quizzes as q", (j) => j.onRef("q.tenant_id", "=", "i.tenant_id").onRef("q.item_id", "=", "i.id"))
    .select([
      "i.id as item_id",
      "i.course_id",
      "i.title",
      "i.completion",
      sql<string>`(select c.title from courses c where c.tenant_id = i.tenant_id and c.id = i.course_id)`.as("course_title"),
      sql<string>`coalesce(q.intro, '')`.as("intro"),
      "q.time_limit_s",
      "q.opens_at",
      "q.closes_at",
      sql<number | null>`case when q.item_id is null then 1 else q.attempts_allowed end`.as("attempts_allowed"),
      sql<"highest" | "last" | "average">`coalesce(q.grading_method, 'highest')`.as("grading_method"),
      sql<boolean>`coalesce(q.shuffle_questions, false)`.as("shuffle_questions"),
      sql<boolean>`coalesce(q.shuffle_answers, true)`.as("shuffle_answers"),
      sql<"immediately" | "after_close" | "never">`coalesce(q.review_marks, 'immediately')`.as("review_marks"),
      sql<"immediately" | "after_close" | "never">`coalesce(q.review_answers, 'after_close')`.as("review_answers"),
      "q.pass_percent",
      "q.grades_released_at",
      sql<boolean>`q.item_id is not null`.as("has_settings"),
      sql<number>`(select count(*)::int from quiz_slots s where s.tenant_id = i.tenant_id and s.quiz_id = i.id)`.as("question_count"),
      sql<number>`(select coalesce(max(s.page), 0)::int from quiz_slots s where s.tenant_id = i.tenant_id and s.quiz_id = i.id)`.as("pages"),
      sql<number>`(select coalesce(sum(s.points), 0)::float8 from quiz_slots s where s.tenant_id = i.tenant_id and s.quiz_id = i.id)`.as("max_score"),
    ])
    .where("i.tenant_id", "=", tenantId)
    .where("i.kind", "=", "quiz");
}
export type QuizRow = NonNullable<Awaited<ReturnType<ReturnType<typeof quizQuery>["executeTakeFirst"]>>>;

export const findQuiz = (db: Db, tenantId: string, courseId: string, itemId: string) =>
  quizQuery(db, tenantId).where("i.course_id", "=", courseId).where("i.id", "=", itemId).executeTakeFirst();

export const findQuizById = (db: Db, tenantId: string, itemId: string) => quizQuery(db, tenantId).where("i.id", "=", itemId).executeTakeFirst();

export async function listSlotRows(db: Db, tenantId: string, quizId: string) {
  return db.selectFrom("quiz_slots").selectAll().where("tenant_id", "=", tenantId).where("quiz_id", "=", quizId).orderBy("position").execute();
}

const parseAttempt = <T extends { questions: unknown }>(r: T) => ({
  ...r,
  questions: (typeof r.questions === "string" ? JSON.parse(r.questions) : r.questions) as FrozenQuestion[],
});

/** A quiz's attempts (a person's when `userId` is given): learners' attempts, or that person's previews with `preview`. */
export async function listAttemptRows(db: Db, tenantId: string, quizId: string, userId?: string, preview = false): Promise<AttemptRow[]> {
  let q = db.selectFrom("quiz_attempts").selectAll().where("tenant_id", "=", tenantId).where("quiz_id", "=", quizId).where("preview", "=", preview);
  if (userId) q = q.where("user_id", "=", userId);
  const rows = await q.orderBy("user_id").orderBy("number").execute();
  return rows.map(parseAttempt);
}

export async function findAttempt(db: Db, tenantId: string, attemptId: string): Promise<AttemptRow | undefined> {
  const r = await db.selectFrom("quiz_attempts").selectAll().where("tenant_id", "=", tenantId).where("id", "=", attemptId).executeTakeFirst();
  return r && parseAttempt(r);
}

/** Takes the attempt's row lock: submission and grading of one attempt happen one at a time, and after any save in flight. */
export async function lockAttempt(trx: Transaction<DB>, tenantId: string, attemptId: string): Promise<AttemptRow | undefined> {
  const r = await trx.selectFrom("quiz_attempts").selectAll().where("tenant_id", "=", tenantId).where("id", "=", attemptId).forUpdate().executeTakeFirst();
  return r && parseAttempt(r);
}

export async function listAnswers(db: Db, tenantId: string, attemptIds: string[]): Promise<AnswerRow[]> {
  if (attemptIds.length === 0) return [];
  return db.selectFrom("quiz_answers").selectAll().where("tenant_id", "=", tenantId).where("attempt_id", "in", attemptIds).execute();
}

/**
 * The autosave, in one statement: the answer is written only when the attempt is the person's,
 * still in progress, within its deadline plus the grace, the slot exists with that question type,
 * and the sequence number is greater than the stored one. The attempt row is read FOR SHARE, so a
 * submission (which locks it FOR UPDATE) waits for saves in flight and a save after it sees it
 * submitted. Returns the stored seq and whether the attempt is a preview, or nothing when the save
 * was not taken (see explainRefusal).
 */
export async function storeAnswer(
  db: Db,
  tenantId: string,
  userId: string,
  attemptId: string,
  slot: number,
  seq: number,
  type: string | null,
  response: unknown,
  graceSeconds: number,
): Promise<{ seq: number; preview: boolean } | undefined> {
  const r = await sql<{ seq: number; preview: boolean }>`
    with a as (
      select id, preview from quiz_attempts
      where tenant_id = ${tenantId} and id = ${attemptId} and user_id = ${userId} and state = 'in_progress'
        and (deadline is null or now() <= deadline + make_interval(secs => ${graceSeconds}))
        and (${type}::text is null or questions -> ${slot}::int ->> 'type' = ${type}::text)
        and jsonb_array_length(questions) > ${slot}::int
      for share
    ), saved as (
    insert into quiz_answers (tenant_id, attempt_id, slot, seq, response, saved_at)
    select ${tenantId}, a.id, ${slot}, ${seq}, ${response === null ? null : JSON.stringify(response)}::jsonb, now() from a
    on conflict (tenant_id, attempt_id, slot) do update set seq = excluded.seq, response = excluded.response, saved_at = excluded.saved_at
      where quiz_answers.seq < excluded.seq
    returning seq)
    select saved.seq, a.preview from saved, a`.execute(db);
  return r.rows[0];
}

/** Why a save was not taken: the attempt as its person sees it and the stored answer of the slot. */
export async function explainRefusal(db: Db, tenantId: string, userId: string, attemptId: string, slot: number) {
  const r = await sql<{ state: string; overdue: boolean; slots: number; type: string | null; seq: number | null }>`
    select a.state, (a.deadline is not null and now() > a.deadline + make_interval(secs => ${GRACE_SECONDS})) as overdue,
      jsonb_array_length(a.questions) as slots, a.questions -> ${slot}::int ->> 'type' as type,
      (select s.seq from quiz_answers s where s.tenant_id = a.tenant_id and s.attempt_id = a.id and s.slot = ${slot}) as seq
    from quiz_attempts a where a.tenant_id = ${tenantId} and a.id = ${attemptId} and a.user_id = ${userId}`.execute(db);
  return r.rows[0];
}

export async function countAttempts(db: Db, tenantId: string, quizId: string) {
  const r = await db
    .selectFrom("quiz_attempts")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("tenant_id", "=", tenantId)
    .where("quiz_id", "=", quizId)
    .where("preview", "=", false)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function findAccommodation(db: Db, tenantId: string, quizId: string, userId: string) {
  return db
    .selectFrom("quiz_accommodations")
    .select(["extra_time_s", "extra_attempts"])
    .where("tenant_id", "=", tenantId)
    .where("quiz_id", "=", quizId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** Makes sure a quiz item has its settings row (items added through the generic course API have none). */
export async function ensureSettingsRow(db: Db, tenantId: string, itemId: string, courseId: string) {
  await db
    .insertInto("quizzes")
    .values({ tenant_id: tenantId, item_id: itemId, course_id: courseId, attempts_allowed: 1 })
    .onConflict((oc) => oc.columns(["tenant_id", "item_id"]).doNothing())
    .execute();
}

/** The rubric (or marking guide) of each manually graded question of a quiz that has one, by question id. */
export async function quizRubrics(
  db: Db,
  tenantId: string,
  quizId: string,
  questionIds?: string[],
): Promise<Map<string, { rubricId: string; definition: RubricDefinition }>> {
  let q = db.selectFrom("quiz_rubrics").select(["question_id", "rubric_id"]).where("tenant_id", "=", tenantId).where("quiz_id", "=", quizId);
  if (questionIds) {
    if (questionIds.length === 0) return new Map();
    q = q.where("question_id", "in", questionIds);
  }
  const links = await q.execute();
  const defs = await getRubrics(
    db as Kysely<DB>,
    tenantId,
    links.map((l) => l.rubric_id),
  );
  return new Map(
    links.flatMap((l) => {
      const d = defs.get(l.rubric_id);
      return d ? [[l.question_id, { rubricId: l.rubric_id, definition: d.definition }]] : [];
    }),
  );
}

/** A rubric fill as stored (jsonb comes back parsed from PostgreSQL, as text from some drivers). */
export const fillOf = (v: unknown): RubricFill | null => (v == null ? null : ((typeof v === "string" ? JSON.parse(v) : v) as RubricFill));
