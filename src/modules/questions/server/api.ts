import type { Kysely } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import { newId } from "../../../kernel/ids.ts";
import { QuestionDefinition, type QuestionType, type QuestionVersion } from "../shared/types.ts";
import { seededRandom, shuffled } from "./public.ts";

export type { PublicQuestion, QuestionDefinition, QuestionResponse, QuestionVersion, ScoreResult } from "../shared/types.ts";
/**
 * What other modules (quizzes, QTI, gradebook) use of the question bank. They store version ids
 * (never question ids alone) so an answer keeps the exact question it was given for.
 */
export { toPublic } from "./public.ts";
export { rightAnswer, scoreResponse } from "./scoring/index.ts";

type VersionRow = { id: string; question_id: string; version: number; type: string; points: number; definition: unknown };

export function toVersion(r: VersionRow): QuestionVersion {
  // stored definitions were validated on write; parsing again fills defaults added since
  const parsed = QuestionDefinition.safeParse(r.definition);
  const definition = parsed.success ? parsed.data : (r.definition as QuestionDefinition);
  return { id: r.id, questionId: r.question_id, version: r.version, type: r.type as QuestionType, points: Number(r.points), definition };
}

const versionCols = ["v.id", "v.question_id", "v.version", "v.type", "v.points", "v.definition"] as const;

/** Versions by id (one query); unknown ids are absent from the map. */
export async function getVersions(db: Kysely<DB>, tenantId: string, versionIds: readonly string[]): Promise<Map<string, QuestionVersion>> {
  const ids = [...new Set(versionIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("question_versions as v").select(versionCols).where("v.tenant_id", "=", tenantId).where("v.id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, toVersion(r)]));
}

/** The latest version of each question (keyed by question id); deleted questions are left out. */
export async function latestVersions(db: Kysely<DB>, tenantId: string, questionIds: readonly string[]): Promise<Map<string, QuestionVersion>> {
  const ids = [...new Set(questionIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("question_versions as v")
    .innerJoin("questions as q", (j) =>
      j.onRef("q.tenant_id", "=", "v.tenant_id").onRef("q.id", "=", "v.question_id").onRef("q.latest_version", "=", "v.version"),
    )
    .select(versionCols)
    .where("v.tenant_id", "=", tenantId)
    .where("v.question_id", "in", ids)
    .where("q.deleted_at", "is", null)
    .execute();
  return new Map(rows.map((r) => [r.question_id, toVersion(r)]));
}

/**
 * `count` questions drawn from a category (latest versions, not deleted), the same draw for the
 * same seed (e.g. the attempt id). Fewer when the category holds fewer.
 */
export async function drawFromCategory(db: Kysely<DB>, tenantId: string, categoryId: string, count: number, seed: string | number): Promise<QuestionVersion[]> {
  const rows = await db
    .selectFrom("question_versions as v")
    .innerJoin("questions as q", (j) =>
      j.onRef("q.tenant_id", "=", "v.tenant_id").onRef("q.id", "=", "v.question_id").onRef("q.latest_version", "=", "v.version"),
    )
    .select(versionCols)
    .where("v.tenant_id", "=", tenantId)
    .where("q.category_id", "=", categoryId)
    .where("q.deleted_at", "is", null)
    .orderBy("q.id")
    .execute();
  return shuffled(rows, seededRandom(`${seed}:${categoryId}`))
    .slice(0, Math.max(0, count))
    .map(toVersion);
}

/**
 * Marks versions as given to learners: they are never changed afterwards (an edit of the question
 * makes a new version). Call it when an attempt stores version ids.
 */
export async function markVersionsUsed(db: Kysely<DB>, tenantId: string, versionIds: readonly string[]): Promise<void> {
  const ids = [...new Set(versionIds)];
  if (ids.length === 0) return;
  await db.updateTable("question_versions").set({ used: true }).where("tenant_id", "=", tenantId).where("id", "in", ids).where("used", "=", false).execute();
}

/**
 * A new category of a course's bank holding copies of the given questions (one version each, as
 * given: definitions are stored as they come, already validated where they were made). Used by
 * the library when it brings a quiz into a platform. Returns the category and, in order, each
 * question's and version's ids.
 */
export async function insertCourseCategoryWithQuestions(
  db: Kysely<DB>,
  tenantId: string,
  courseId: string,
  name: string,
  questions: readonly { name: string; type: string; points: number; definition: unknown }[],
  createdBy: string | null,
): Promise<{ categoryId: string; questions: { questionId: string; versionId: string }[] }> {
  const categoryId = newId();
  await db
    .insertInto("question_categories")
    .values({ tenant_id: tenantId, id: categoryId, course_id: courseId, org_id: null, parent_id: null, name: name.trim().slice(0, 200) || "—" })
    .execute();
  const made = questions.map(() => ({ questionId: newId(), versionId: newId() }));
  if (questions.length) {
    await db
      .insertInto("questions")
      .values(
        questions.map((q, i) => ({
          tenant_id: tenantId,
          id: made[i].questionId,
          category_id: categoryId,
          type: q.type,
          name: q.name.trim().slice(0, 200) || "—",
          latest_version: 1,
          created_by: createdBy,
        })),
      )
      .execute();
    await db
      .insertInto("question_versions")
      .values(
        questions.map((q, i) => ({
          tenant_id: tenantId,
          id: made[i].versionId,
          question_id: made[i].questionId,
          version: 1,
          type: q.type,
          points: q.points,
          definition: JSON.stringify(q.definition),
          created_by: createdBy,
        })),
      )
      .execute();
  }
  return { categoryId, questions: made };
}
