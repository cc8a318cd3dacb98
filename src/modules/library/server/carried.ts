import { type Kysely, sql } from "kysely";
import type { DB, FilePurpose, QuizReview } from "../../../kernel/db/schema.ts";
import { AppError } from "../../../kernel/errors.ts";
import { CAPTIONS_MAX } from "../../../kernel/files/index.ts";
import { newId } from "../../../kernel/ids.ts";
import type { ContentItem } from "../../courses/server/index.ts";
import { upsertGradeItem } from "../../gradebook/server/api.ts";
import { insertCourseCategoryWithQuestions } from "../../questions/server/api.ts";
import { getRubrics, parseRubric, saveRubric } from "../../rubrics/server/index.ts";

/**
 * What a library version carries beside an item's own columns, for the kinds whose content lives
 * in other modules. Everything here is content, never a person's work: no attempts, submissions,
 * grades, extensions or accommodations. Dates (opening, closing, due dates) belong to a session of
 * a course, not to its content: they are left out, and the copy starts without them.
 *
 * - file / video: the bytes, kept by the library in `library_blobs` by SHA-256 (a copy taken when
 *   publishing: the publisher deleting its file changes nothing), with the name and type; a
 *   video's WebVTT captions likewise. Importing copies the bytes into a new file of the importing
 *   platform, owned by the person importing.
 * - quiz: its settings and its questions in slot order (type, points, definition), and for a
 *   slot drawing at random from a category, that category's questions. Importing puts them in new
 *   categories of the copy's own question bank.
 * - assignment: its settings and its rubric or marking guide.
 */
export type FileRef = { sha256: string; name: string; mime: string; size: number; purpose: FilePurpose };
export type CarriedQuestion = { name: string; type: string; points: number; definition: unknown };
export type QuizSettings = {
  intro: string;
  time_limit_s: number | null;
  attempts_allowed: number | null;
  grading_method: "highest" | "last" | "average";
  shuffle_questions: boolean;
  shuffle_answers: boolean;
  review_marks: QuizReview;
  review_answers: QuizReview;
  pass_percent: number | null;
};
export type CarriedQuiz = {
  settings: QuizSettings;
  /** in order; `category` is an index into `categories` */
  slots: ({ page: number; points: number; question: CarriedQuestion } | { page: number; points: number; category: number })[];
  categories: { name: string; questions: CarriedQuestion[] }[];
};
export type AssignmentSettings = {
  instructions_doc: unknown;
  instructions_html: string;
  online_text: boolean;
  file_submissions: boolean;
  max_files: number;
  max_file_mb: number;
  group_mode: boolean;
  max_score: number;
  pass_score: number | null;
  anonymous: boolean;
};
export type CarriedAssignment = { settings: AssignmentSettings; rubric: unknown };
export type Extras = { file?: FileRef; captions?: FileRef | null; quiz?: CarriedQuiz; assignment?: CarriedAssignment };
export type CarriedItem = ContentItem & Extras;

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
const ASSIGNMENT_DEFAULTS: AssignmentSettings = {
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

/**
 * The extras of a course's items, read on the platform that owns them: a few queries whatever the
 * number of items. A file or video whose file is gone (or not ready) gets no `file`: it is not
 * carried. Keys are the items' keys (their ids in this course).
 */
export async function readExtras(db: Kysely<DB>, tid: string, items: readonly ContentItem[]): Promise<Map<string, Extras>> {
  const out = new Map<string, Extras>();
  const fileIds = items.flatMap((i) => (i.kind === "file" || i.kind === "video" ? [i.file_id, i.captions_file_id].filter((x): x is string => !!x) : []));
  const quizIds = items.filter((i) => i.kind === "quiz").map((i) => i.key);
  const assignmentIds = items.filter((i) => i.kind === "assignment").map((i) => i.key);
  const NONE = ["00000000-0000-0000-0000-000000000000"];

  const files = fileIds.length
    ? await db
        .selectFrom("files")
        .select(["id", "name", "mime", "size", "purpose", "sha256"])
        .where("tenant_id", "=", tid)
        .where("id", "in", fileIds)
        .where("status", "=", "ready")
        .execute()
    : [];
  const fileById = new Map(
    files.filter((f) => f.sha256).map((f) => [f.id, { sha256: f.sha256!, name: f.name, mime: f.mime, size: Number(f.size), purpose: f.purpose }]),
  );

  const [quizzes, slots, assignments] = await Promise.all([
    quizIds.length ? db.selectFrom("quizzes").selectAll().where("tenant_id", "=", tid).where("item_id", "in", quizIds).execute() : [],
    quizIds.length
      ? db
          .selectFrom("quiz_slots")
          .select(["quiz_id", "position", "page", "version_id", "category_id", "points"])
          .where("tenant_id", "=", tid)
          .where("quiz_id", "in", quizIds)
          .orderBy("quiz_id")
          .orderBy("position")
          .execute()
      : [],
    assignmentIds.length ? db.selectFrom("assignments").selectAll().where("tenant_id", "=", tid).where("item_id", "in", assignmentIds).execute() : [],
  ]);
  const versionIds = slots.flatMap((s) => (s.version_id ? [s.version_id] : []));
  const categoryIds = [...new Set(slots.flatMap((s) => (s.category_id ? [s.category_id] : [])))];
  const [versions, drawn, categories, rubrics] = await Promise.all([
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
    getRubrics(
      db,
      tid,
      assignments.flatMap((a) => (a.rubric_id ? [a.rubric_id] : [])),
    ),
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
  const assignmentById = new Map(assignments.map((a) => [a.item_id, a]));

  for (const it of items) {
    if (it.kind === "file" || it.kind === "video") {
      const file = it.file_id ? fileById.get(it.file_id) : undefined;
      if (!file) continue;
      const captions = it.kind === "video" && it.captions_file_id ? (fileById.get(it.captions_file_id) ?? null) : null;
      out.set(it.key, it.kind === "video" ? { file, captions } : { file });
    } else if (it.kind === "quiz") {
      const q = quizById.get(it.key);
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
        if (s.quiz_id !== it.key) continue;
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
      out.set(it.key, { quiz });
    } else if (it.kind === "assignment") {
      const a = assignmentById.get(it.key);
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
      out.set(it.key, { assignment: { settings, rubric } });
    }
  }
  return out;
}

/** What of an item's extras counts as its content when telling local edits apart (see itemHash). */
export function extrasForHash(i: Extras): unknown {
  if (i.file) return { file: [i.file.sha256, i.file.name], captions: i.captions?.sha256 ?? null };
  if (i.quiz) return { quiz: i.quiz };
  if (i.assignment) return { assignment: i.assignment };
  return undefined;
}

/** Largest file a version may carry: the platform upload limit (captions: CAPTIONS_MAX). */
export const fileLimit = (uploadMaxMb: number, purpose: FilePurpose) => (purpose === "captions" ? CAPTIONS_MAX : uploadMaxMb * 1024 * 1024);

/**
 * Copies the bytes of a publisher's files into the library (inside the publishing transaction),
 * once per content: a blob already there is not copied again. Files over the size limit are
 * refused (422) before anything is written.
 */
export async function storeBlobs(tx: Kysely<DB>, tid: string, files: { id: string; ref: FileRef }[]) {
  const seen = new Set<string>();
  for (const { id, ref } of files) {
    if (seen.has(ref.sha256)) continue;
    seen.add(ref.sha256);
    const made = await tx
      .insertInto("library_blobs")
      .values({ sha256: ref.sha256, size: ref.size })
      .onConflict((oc) => oc.column("sha256").doNothing())
      .returning("sha256")
      .executeTakeFirst();
    if (!made) continue;
    await sql`insert into library_blob_chunks (sha256, n, data)
      select ${ref.sha256}, n, data from file_chunks where tenant_id = ${tid} and file_id = ${id}`.execute(tx);
  }
}

/** A new ready file of the platform `tid`, owned by `ownerId`, with the blob's bytes (copied in the database). */
export async function fileFromBlob(tx: Kysely<DB>, tid: string, ownerId: string, ref: FileRef, uploadMaxMb: number) {
  if (ref.size > fileLimit(uploadMaxMb, ref.purpose))
    throw new AppError("library.file_too_large", { name: ref.name, maxMb: Math.floor(fileLimit(uploadMaxMb, ref.purpose) / (1024 * 1024)) }, undefined, 422);
  const id = newId();
  await tx
    .insertInto("files")
    .values({
      tenant_id: tid,
      id,
      owner_id: ownerId,
      purpose: ref.purpose,
      name: ref.name,
      mime: ref.mime,
      size: ref.size,
      sha256: ref.sha256,
      status: "ready",
    })
    .execute();
  const r = await sql`insert into file_chunks (tenant_id, file_id, n, data)
    select ${tid}, ${id}, n, data from library_blob_chunks where sha256 = ${ref.sha256}`.execute(tx);
  if (!Number(r.numAffectedRows)) throw new Error(`library blob ${ref.sha256} has no bytes`);
  return id;
}

/**
 * Writes an item's carried content into the platform's copy (inside the caller's transaction):
 * new files from the library's bytes, the quiz's settings and questions (in new categories of the
 * course's bank; slots replaced), the assignment's settings, rubric and grade item. Used when
 * importing and when a linked copy takes a new version of an item it did not edit.
 */
export async function writeExtras(
  tx: Kysely<DB>,
  ctx: { tid: string; courseId: string; userId: string; uploadMaxMb: number },
  itemId: string,
  item: CarriedItem,
) {
  const { tid, courseId, userId } = ctx;
  if (item.file) {
    const fileId = await fileFromBlob(tx, tid, userId, item.file, ctx.uploadMaxMb);
    const captionsId = item.captions ? await fileFromBlob(tx, tid, userId, item.captions, ctx.uploadMaxMb) : null;
    await tx
      .updateTable("course_items")
      .set({ file_id: fileId, captions_file_id: captionsId })
      .where("tenant_id", "=", tid)
      .where("course_id", "=", courseId)
      .where("id", "=", itemId)
      .execute();
  }
  if (item.quiz) {
    const q = item.quiz;
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
  }
  if (item.assignment) {
    const { settings: s, rubric } = item.assignment;
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
}
