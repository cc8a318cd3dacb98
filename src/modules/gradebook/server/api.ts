import { type Kysely, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import { AppError } from "../../../kernel/errors.ts";
import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { syncCompletion } from "./completion.ts";

/** Where a grade item's grades come from: a quiz or an assignment (id = its course item id). */
export type GradeSource = { type: "quiz" | "assignment"; id: string };

export type GradeInput = { userId: string; score: number | null; released: boolean; gradedBy?: string | null };

function checkScores(maxScore: number, passScore: number | null) {
  if (!Number.isFinite(maxScore) || maxScore <= 0 || maxScore > 1_000_000) throw new AppError("validation", {}, { maxScore: { code: "gradebook.max_score" } });
  if (passScore !== null && (!Number.isFinite(passScore) || passScore < 0 || passScore > maxScore))
    throw new AppError("validation", {}, { passScore: { code: "gradebook.pass_score", params: { max: maxScore } } });
}

/**
 * Creates or updates the grade item of a source (quiz, assignment); returns the grade item id.
 * One statement; the item keeps its category, position and release state when updated.
 */
export async function upsertGradeItem(
  db: Kysely<DB>,
  tenantId: string,
  input: { courseId: string; source: GradeSource; courseItemId: string | null; title: string; maxScore: number; passScore: number | null },
): Promise<string> {
  checkScores(input.maxScore, input.passScore);
  const title = input.title.trim().slice(0, 300) || "—";
  const r = await sql<{ id: string }>`
    insert into grade_items (tenant_id, id, course_id, source_type, source_id, course_item_id, title, max_score, pass_score, position)
    values (${tenantId}, ${newId()}, ${input.courseId}, ${input.source.type}, ${input.source.id}, ${input.courseItemId}, ${title},
      ${input.maxScore}, ${input.passScore},
      (select coalesce(max(position) + 1, 0) from grade_items where tenant_id = ${tenantId} and course_id = ${input.courseId}))
    on conflict (tenant_id, source_type, source_id) do update set
      course_item_id = excluded.course_item_id, title = excluded.title, max_score = excluded.max_score,
      pass_score = excluded.pass_score, updated_at = now()
    returning id`.execute(db);
  return r.rows[0].id;
}

/**
 * Records computed grades (points out of maxScore; null = no grade). A teacher's override wins
 * and is kept: the computed score is stored beside it. released=false hides the grade from the
 * learner. When the course item's completion rule is "graded", the learner's item becomes
 * complete once the grade reaches the pass score. Records a "graded" event per grade.
 * One statement to read the item, one to write all grades, then the completion check.
 */
export async function recordGrades(k: Kernel, tenantId: string, source: GradeSource, grades: GradeInput[]): Promise<void> {
  if (grades.length === 0) return;
  const item = await k.db
    .selectFrom("grade_items")
    .select(["id", "course_id", "course_item_id", "max_score", "pass_score"])
    .where("tenant_id", "=", tenantId)
    .where("source_type", "=", source.type)
    .where("source_id", "=", source.id)
    .executeTakeFirst();
  if (!item) throw new AppError("gradebook.no_grade_item", {}, undefined, 404);
  // the last grade of a learner wins when a batch names them twice
  const byUser = new Map<string, GradeInput>();
  for (const g of grades) {
    if (g.score !== null && (!Number.isFinite(g.score) || g.score < 0 || g.score > item.max_score))
      throw new AppError("validation", {}, { score: { code: "gradebook.score_range", params: { max: item.max_score } } });
    byUser.set(g.userId, g);
  }
  const list = [...byUser.values()];
  const now = new Date();
  const rows = await sql<{ user_id: string; effective: number | null }>`
    insert into grades (tenant_id, grade_item_id, user_id, course_id, score, released, graded_by, graded_at, updated_at)
    select ${tenantId}::uuid, ${item.id}::uuid, g.user_id, ${item.course_id}::uuid, g.score, g.released, g.graded_by, ${now}::timestamptz, ${now}::timestamptz
    from unnest(${list.map((g) => g.userId)}::uuid[], ${list.map((g) => g.score)}::float8[], ${list.map((g) => g.released)}::boolean[],
      ${list.map((g) => g.gradedBy ?? null)}::uuid[]) as g(user_id, score, released, graded_by)
    on conflict (tenant_id, grade_item_id, user_id) do update set
      score = excluded.score, released = excluded.released, graded_by = excluded.graded_by,
      graded_at = excluded.graded_at, updated_at = excluded.updated_at
    returning user_id, case when overridden then override_score else score end as effective`.execute(k.db);
  for (const g of list)
    k.record({
      tenantId,
      actorId: g.gradedBy ?? null,
      verb: "graded",
      objectType: "grade-item",
      objectId: item.id,
      context: { courseId: item.course_id, userId: g.userId, score: g.score, maxScore: item.max_score, source: source.type, sourceId: source.id },
    });
  await syncCompletion(
    k,
    tenantId,
    item,
    rows.rows.map((r) => ({ userId: r.user_id, score: r.effective })),
  );
}
