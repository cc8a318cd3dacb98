import type { Kysely } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import { AppError } from "../../../kernel/errors.ts";
import { zodFields } from "../../../kernel/http/route.ts";
import { newId } from "../../../kernel/ids.ts";
import { RubricDefinition, type RubricFill, scoreFill } from "../shared/rubric.ts";

/**
 * Storage of rubrics and marking guides for the modules that grade with them (assignments,
 * quizzes' manual grading). The caller authorises; every query filters on the tenant.
 */
export type StoredRubric = { id: string; courseId: string; definition: RubricDefinition };

/** Checks a definition from a request: 422 with field errors under `field`. */
export function parseRubric(input: unknown, field = "rubric"): RubricDefinition {
  const r = RubricDefinition.safeParse(input, { reportInput: true });
  if (!r.success) throw new AppError("validation", {}, zodFields(r.error, field));
  return r.data;
}

export async function getRubric(db: Kysely<DB>, tenantId: string, id: string): Promise<StoredRubric | null> {
  const row = await db
    .selectFrom("rubrics")
    .select(["id", "course_id", "definition"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const def = RubricDefinition.safeParse(typeof row.definition === "string" ? JSON.parse(row.definition) : row.definition);
  return def.success ? { id: row.id, courseId: row.course_id, definition: def.data } : null;
}

/** Several rubrics at once, by id (unreadable ones are left out). */
export async function getRubrics(db: Kysely<DB>, tenantId: string, ids: string[]): Promise<Map<string, StoredRubric>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("rubrics")
    .select(["id", "course_id", "definition"])
    .where("tenant_id", "=", tenantId)
    .where("id", "in", [...new Set(ids)])
    .execute();
  const out = new Map<string, StoredRubric>();
  for (const row of rows) {
    const def = RubricDefinition.safeParse(typeof row.definition === "string" ? JSON.parse(row.definition) : row.definition);
    if (def.success) out.set(row.id, { id: row.id, courseId: row.course_id, definition: def.data });
  }
  return out;
}

/** Creates (no id) or replaces a rubric; returns its id. */
export async function saveRubric(db: Kysely<DB>, tenantId: string, courseId: string, id: string | null, definition: RubricDefinition): Promise<string> {
  const json = JSON.stringify(definition);
  if (id) {
    const r = await db
      .updateTable("rubrics")
      .set({ kind: definition.kind, definition: json, updated_at: new Date() })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) return id;
  }
  const newRubric = id ?? newId();
  await db.insertInto("rubrics").values({ tenant_id: tenantId, id: newRubric, course_id: courseId, kind: definition.kind, definition: json }).execute();
  return newRubric;
}

export async function deleteRubric(db: Kysely<DB>, tenantId: string, id: string) {
  await db.deleteFrom("rubrics").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

/** A fill that must be complete to grade with: 422 naming each criterion left out or wrong. */
export function requireCompleteFill(def: RubricDefinition, fill: RubricFill, field = "rubricFill") {
  const s = scoreFill(def, fill);
  if (!s.complete) throw new AppError("validation", {}, Object.fromEntries(s.problems.map((p) => [`${field}.${p.criterionId}`, { code: p.code }])));
  return s;
}
