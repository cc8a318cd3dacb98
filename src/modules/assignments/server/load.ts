import type { Kysely, Selectable } from "kysely";
import type { Actor, UserActor } from "../../../kernel/auth/actor.ts";
import type { AssignmentSubmissionsTable, AssignmentsTable, DB } from "../../../kernel/db/schema.ts";
import { AppError, notFound } from "../../../kernel/errors.ts";
import { describeFiles } from "../../../kernel/files/index.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { type CourseAccess, loadCourse, requireCourse } from "../../courses/server/access.ts";
import { getRubric } from "../../rubrics/server/index.ts";
import type { RubricDefinition } from "../../rubrics/shared/rubric.ts";
import type { AssignmentSettings, FileRef } from "../shared/contract.ts";

export type AssignmentRow = Selectable<AssignmentsTable>;
export type SubmissionRow = Selectable<AssignmentSubmissionsTable>;
export type Loaded = {
  access: CourseAccess;
  me: UserActor;
  tid: string;
  item: { id: string; title: string; section_id: string; course_id: string };
  a: AssignmentRow;
  rubric: { id: string; definition: RubricDefinition } | null;
};

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
export const num = (v: string | number | null) => (v === null ? null : Number(v));
export const jsonOf = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;

/**
 * Loads an assignment item of a course the actor may see (404 otherwise, as for another
 * platform's id), with its settings. An item added through the course editor has no settings
 * yet: defaults are stored on first load, so every later step finds its row.
 */
export async function loadAssignment(k: Kernel, actor: Actor, courseId: string, itemId: string, need: "view" | "edit" | "teach" = "view"): Promise<Loaded> {
  const access = await loadCourse(k.db, actor, courseId);
  const tid = access.course.tenant_id;
  const item = await k.db
    .selectFrom("course_items")
    .select(["id", "title", "section_id", "course_id"])
    .where("tenant_id", "=", tid)
    .where("course_id", "=", courseId)
    .where("id", "=", itemId)
    .where("kind", "=", "assignment")
    .executeTakeFirst();
  if (!item) throw notFound();
  requireCourse(access, need);
  let a = await findSettings(k.db, tid, itemId);
  if (!a) {
    await k.db
      .insertInto("assignments")
      .values({ tenant_id: tid, item_id: itemId, course_id: courseId })
      .onConflict((oc) => oc.columns(["tenant_id", "item_id"]).doNothing())
      .execute();
    a = (await findSettings(k.db, tid, itemId))!;
  }
  const stored = a.rubric_id ? await getRubric(k.db, tid, a.rubric_id) : null;
  return { access, me: actor as UserActor, tid, item, a, rubric: stored ? { id: stored.id, definition: stored.definition } : null };
}

export const findSettings = (db: Kysely<DB>, tid: string, itemId: string) =>
  db.selectFrom("assignments").selectAll().where("tenant_id", "=", tid).where("item_id", "=", itemId).executeTakeFirst();

/** Markers: teachers and assistants of the course. A learner asking gets 403 (they can see the course). */
export function requireMarker(l: Loaded) {
  if (!l.access.canTeach) throw new AppError("forbidden");
}

export function presentSettings(l: Loaded, forEditor: boolean): AssignmentSettings {
  const a = l.a;
  return {
    instructionsDoc: forEditor ? (jsonOf(a.instructions_doc) ?? null) : null,
    instructionsHtml: a.instructions_html,
    onlineText: a.online_text,
    fileSubmissions: a.file_submissions,
    maxFiles: a.max_files,
    maxFileMb: a.max_file_mb,
    groupMode: a.group_mode,
    groupingId: a.grouping_id,
    opensAt: iso(a.opens_at),
    dueAt: iso(a.due_at),
    cutoffAt: iso(a.cutoff_at),
    maxScore: Number(a.max_score),
    passScore: num(a.pass_score),
    anonymous: a.anonymous,
    revealed: !!a.revealed_at,
    released: !!a.released_at,
    rubric: l.rubric?.definition ?? null,
  };
}

/** Markers see participant numbers only, until identities are revealed. */
export const hidesIdentities = (a: AssignmentRow) => a.anonymous && !a.revealed_at;

/** The dates that apply to one participant: an extension replaces both the due date and the cut-off. */
export function windowOf(a: AssignmentRow, extension: Date | null, now = new Date()) {
  const dueAt = extension ?? (a.due_at ? new Date(a.due_at) : null);
  const closesAt = extension ?? (a.cutoff_at ? new Date(a.cutoff_at) : null);
  const state: "not_open" | "open" | "closed" = a.opens_at && new Date(a.opens_at) > now ? "not_open" : closesAt && closesAt <= now ? "closed" : "open";
  return { dueAt, closesAt, state };
}

export const isLate = (submittedAt: Date | string | null, dueAt: Date | null) => !!submittedAt && !!dueAt && new Date(submittedAt) > dueAt;

export async function filesOf(db: Kysely<DB>, tid: string, ids: string[]): Promise<FileRef[]> {
  const found = await describeFiles(db, tid, ids);
  return ids.flatMap((id) => {
    const f = found.get(id);
    return f ? [{ id: f.id, name: f.name, size: Number(f.size), mime: f.mime }] : [];
  });
}

export async function extensionFor(db: Kysely<DB>, tid: string, itemId: string, targetId: string): Promise<Date | null> {
  const r = await db
    .selectFrom("assignment_extensions")
    .select("due_at")
    .where("tenant_id", "=", tid)
    .where("item_id", "=", itemId)
    .where("target_id", "=", targetId)
    .executeTakeFirst();
  return r ? new Date(r.due_at) : null;
}
