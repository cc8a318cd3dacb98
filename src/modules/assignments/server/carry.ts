import type { Kysely } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import type { AssignmentSettings, CarriedAssignment, ContentItem, ExtrasHandler } from "../../courses/server/index.ts";
import { upsertGradeItem } from "../../gradebook/server/api.ts";
import { getRubrics, parseRubric, saveRubric } from "../../rubrics/server/index.ts";

/**
 * What a copy of a course carries of its assignments (see courses/server/extras.ts): settings
 * without the run's dates (opening, due, cut-off), group of the course or release, and the rubric
 * or marking guide. Never submissions, extensions or grades.
 */

/** An assignment item without its row (never edited) carries these settings, as a new assignment has. */
export const ASSIGNMENT_DEFAULTS: AssignmentSettings = {
  instructions_doc: null,
  instructions_html: "",
  online_text: true,
  file_submissions: false,
  max_files: 3,
  max_file_mb: 10,
  group_mode: false,
  max_score: 20,
  pass_score: null,
  anonymous: false,
};

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The assignments of these items on the platform `tid`, by item key (two queries). */
export async function readAssignments(db: Kysely<DB>, tid: string, items: readonly ContentItem[]): Promise<Map<string, CarriedAssignment>> {
  const out = new Map<string, CarriedAssignment>();
  const ids = items.filter((i) => i.kind === "assignment").map((i) => i.key);
  if (!ids.length) return out;
  const rows = await db.selectFrom("assignments").selectAll().where("tenant_id", "=", tid).where("item_id", "in", ids).execute();
  const rubrics = await getRubrics(
    db,
    tid,
    rows.flatMap((a) => (a.rubric_id ? [a.rubric_id] : [])),
  );
  const byId = new Map(rows.map((a) => [a.item_id, a]));
  for (const key of ids) {
    const a = byId.get(key);
    const settings: AssignmentSettings = a
      ? {
          instructions_doc: a.instructions_doc,
          instructions_html: a.instructions_html,
          online_text: a.online_text,
          file_submissions: a.file_submissions,
          max_files: a.max_files,
          max_file_mb: a.max_file_mb,
          group_mode: a.group_mode,
          max_score: Number(a.max_score),
          pass_score: num(a.pass_score),
          anonymous: a.anonymous,
        }
      : { ...ASSIGNMENT_DEFAULTS };
    const rubric = a?.rubric_id ? (rubrics.get(a.rubric_id)?.definition ?? null) : null;
    out.set(key, { settings, rubric });
  }
  return out;
}

/**
 * Writes a carried assignment for the item `itemId` of a course (inside the caller's transaction):
 * its settings (an existing row is updated, its dates kept), its rubric and its grade item.
 */
export async function writeAssignment(
  tx: Kysely<DB>,
  to: { tid: string; courseId: string },
  itemId: string,
  item: { title: string },
  carried: CarriedAssignment,
) {
  const { tid, courseId } = to;
  const { settings: s, rubric } = carried;
  const current = await tx.selectFrom("assignments").select("rubric_id").where("tenant_id", "=", tid).where("item_id", "=", itemId).executeTakeFirst();
  const rubricId = rubric ? await saveRubric(tx, tid, courseId, current?.rubric_id ?? null, parseRubric(rubric)) : null;
  const cols = {
    ...s,
    instructions_doc: s.instructions_doc === null ? null : JSON.stringify(s.instructions_doc),
    max_score: String(s.max_score),
    pass_score: s.pass_score === null ? null : String(s.pass_score),
    rubric_id: rubricId,
  };
  await tx
    .insertInto("assignments")
    .values({ tenant_id: tid, item_id: itemId, course_id: courseId, ...cols })
    .onConflict((oc) => oc.columns(["tenant_id", "item_id"]).doUpdateSet({ ...cols, updated_at: new Date() }))
    .execute();
  await upsertGradeItem(tx, tid, {
    courseId,
    source: { type: "assignment", id: itemId },
    courseItemId: itemId,
    title: item.title,
    maxScore: s.max_score,
    passScore: s.pass_score,
  });
}

export const assignmentExtras: ExtrasHandler<CarriedAssignment> = { read: readAssignments, write: writeAssignment };
