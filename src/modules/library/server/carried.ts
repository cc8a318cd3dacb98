import { type Kysely, sql } from "kysely";
import type { DB, FilePurpose } from "../../../kernel/db/schema.ts";
import { AppError } from "../../../kernel/errors.ts";
import { CAPTIONS_MAX } from "../../../kernel/files/index.ts";
import { newId } from "../../../kernel/ids.ts";
import { type ContentItem, type ItemExtras, readItemExtras, writeItemExtras } from "../../courses/server/index.ts";

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
 * - quiz and assignment: what every copy of a course carries of them (courses/server/extras.ts,
 *   read and written by the quizzes and assignments modules): a quiz's settings and questions (in
 *   new categories of the copy's own bank on import), an assignment's settings and rubric.
 */
export type FileRef = { sha256: string; name: string; mime: string; size: number; purpose: FilePurpose };
export type Extras = ItemExtras & { file?: FileRef; captions?: FileRef | null };
export type CarriedItem = ContentItem & Extras;

/**
 * The extras of a course's items, read on the platform that owns them: a few queries whatever the
 * number of items. A file or video whose file is gone (or not ready) gets no `file`: it is not
 * carried. Keys are the items' keys (their ids in this course).
 */
export async function readExtras(db: Kysely<DB>, tid: string, items: readonly ContentItem[]): Promise<Map<string, Extras>> {
  const out: Map<string, Extras> = await readItemExtras(db, tid, items);
  const fileIds = items.flatMap((i) => (i.kind === "file" || i.kind === "video" ? [i.file_id, i.captions_file_id].filter((x): x is string => !!x) : []));
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
  for (const it of items) {
    if (it.kind !== "file" && it.kind !== "video") continue;
    const file = it.file_id ? fileById.get(it.file_id) : undefined;
    if (!file) continue;
    const captions = it.kind === "video" && it.captions_file_id ? (fileById.get(it.captions_file_id) ?? null) : null;
    out.set(it.key, it.kind === "video" ? { file, captions } : { file });
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
 * Writes an item's files into the platform's copy (inside the caller's transaction): new files from
 * the library's bytes, owned by the person importing. (An import's quizzes and assignments are
 * written with the course: insertCourseWithContent.)
 */
export async function writeFiles(tx: Kysely<DB>, ctx: { tid: string; courseId: string; userId: string; uploadMaxMb: number }, itemId: string, item: Extras) {
  const { tid, courseId, userId } = ctx;
  if (!item.file) return;
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

/**
 * Writes an item's carried content into the platform's copy (inside the caller's transaction):
 * its files, the quiz's settings and questions (in new categories of the course's bank; slots
 * replaced), the assignment's settings, rubric and grade item. Used when a linked copy takes a new
 * version of an item it did not edit.
 */
export async function writeExtras(
  tx: Kysely<DB>,
  ctx: { tid: string; courseId: string; userId: string; uploadMaxMb: number },
  itemId: string,
  item: CarriedItem,
) {
  await writeFiles(tx, ctx, itemId, item);
  await writeItemExtras(tx, ctx, itemId, item);
}
