import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { fileTypeFromBuffer } from "file-type";
import { type Kysely, sql } from "kysely";
import type { DB, FilePurpose } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { newId } from "../ids.ts";
import { checkVtt, judgeType, type Kind, nameWithExtension, sanitizeName } from "./checks.ts";

/** Bytes per stored chunk: a range read touches at most a few rows, a write holds one chunk in memory. */
export const CHUNK = 256 * 1024;
/** Captions are read whole to be checked, so they are kept small. */
export const CAPTIONS_MAX = 2 * 1024 * 1024;

export type StoredFile = { id: string; name: string; mime: string; size: number; purpose: FilePurpose; sha256: string };

export type Incoming = AsyncIterable<Buffer> & { truncated?: boolean };

const tooLarge = (maxBytes: number) => new AppError("files.too_large", { maxMb: Math.floor(maxBytes / (1024 * 1024)) }, undefined, 413);

/**
 * Streams an upload into the database: the first chunk decides the type (nothing is stored when
 * it is refused), then each 256 KiB chunk is written as it arrives (never the whole file in
 * memory). Any failure (too large, not text, client gone) deletes what was written.
 */
export async function storeUpload(
  db: Kysely<DB>,
  input: { tenantId: string; ownerId: string; purpose: FilePurpose; clientName: string; stream: Incoming; maxBytes: number },
): Promise<StoredFile> {
  const { tenantId, purpose, stream } = input;
  const maxBytes = purpose === "captions" ? Math.min(input.maxBytes, CAPTIONS_MAX) : input.maxBytes;
  let name = sanitizeName(input.clientName);
  const hash = createHash("sha256");
  let size = 0;
  let n = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let id: string | undefined;
  let kind: Kind | undefined;
  const decoder = new TextDecoder("utf-8", { fatal: true });

  const begin = async (head: Buffer) => {
    const detected = await fileTypeFromBuffer(head);
    const verdict = judgeType(purpose, name, detected, head);
    if (!verdict.ok) throw new AppError("validation", {}, { file: { code: verdict.code, params: { name, detected: verdict.detected ?? "" } } });
    kind = verdict.kind;
    name = nameWithExtension(name, kind);
    if (kind.ext === "vtt") {
      const check = checkVtt(head.toString("utf8"));
      if (!check.ok) throw new AppError("validation", {}, { file: { code: "files.bad_vtt", params: { line: check.line } } });
    }
    id = newId();
    await db.insertInto("files").values({ tenant_id: tenantId, id, owner_id: input.ownerId, purpose, name, mime: kind.mime, status: "uploading" }).execute();
  };

  const flush = async (data: Buffer) => {
    if (!id) await begin(data);
    if (kind?.text) {
      if (data.includes(0)) throw new AppError("validation", {}, { file: { code: "files.not_text", params: { name } } });
      try {
        decoder.decode(data, { stream: true });
      } catch {
        throw new AppError("validation", {}, { file: { code: "files.not_text", params: { name } } });
      }
    }
    await db.insertInto("file_chunks").values({ tenant_id: tenantId, file_id: id!, n, data }).execute();
    n++;
  };

  try {
    // captions are checked whole: collect them (they are small) before the first write
    const chunkBytes = purpose === "captions" ? CAPTIONS_MAX + 1 : CHUNK;
    for await (const piece of stream) {
      size += piece.length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      hash.update(piece);
      pending.push(piece);
      pendingBytes += piece.length;
      while (pendingBytes >= chunkBytes) {
        const all = Buffer.concat(pending, pendingBytes);
        await flush(all.subarray(0, chunkBytes));
        pending = [all.subarray(chunkBytes)];
        pendingBytes = all.length - chunkBytes;
      }
    }
    if (stream.truncated) throw tooLarge(maxBytes);
    if (size === 0) throw new AppError("validation", {}, { file: { code: "files.empty", params: { name } } });
    if (pendingBytes > 0) {
      const rest = Buffer.concat(pending, pendingBytes);
      if (!id) await begin(rest);
      for (let at = 0; at < rest.length; at += CHUNK) await flush(rest.subarray(at, at + CHUNK));
    }
    if (kind?.text) {
      try {
        decoder.decode();
      } catch {
        throw new AppError("validation", {}, { file: { code: "files.not_text", params: { name } } });
      }
    }
    const sha256 = hash.digest("hex");
    await db.updateTable("files").set({ status: "ready", size, sha256 }).where("tenant_id", "=", tenantId).where("id", "=", id!).execute();
    return { id: id!, name, mime: kind!.mime, size, purpose, sha256 };
  } catch (e) {
    if (id) await deleteFile(db, tenantId, id).catch(() => undefined);
    throw e;
  }
}

export async function deleteFile(db: Kysely<DB>, tenantId: string, id: string) {
  await db.deleteFrom("files").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

/** Chunks copied per statement by copyFileAcross (2 MiB). */
const COPY_BATCH = 8;

/**
 * Copies a ready file of one platform into another (a course copied under a federation
 * agreement): a new file there, owned by `ownerId`, with the same name, type and bytes. The bytes
 * move inside the database, a few chunks per statement, never through the application. The copy
 * stays `uploading` (unreadable, swept a day later if left so) until `markFilesReady` runs in the
 * transaction that references it; on failure what was written is deleted. Undefined when the
 * source file is not a ready file of `from.tenantId`.
 */
export async function copyFileAcross(
  db: Kysely<DB>,
  from: { tenantId: string; fileId: string },
  to: { tenantId: string; ownerId: string },
): Promise<StoredFile | undefined> {
  const src = await findFile(db, from.tenantId, from.fileId);
  if (!src) return undefined;
  const id = newId();
  await db
    .insertInto("files")
    .values({
      tenant_id: to.tenantId,
      id,
      owner_id: to.ownerId,
      purpose: src.purpose,
      name: src.name,
      mime: src.mime,
      size: src.size,
      sha256: src.sha256,
      status: "uploading",
    })
    .execute();
  try {
    const chunks = Math.ceil(Number(src.size) / CHUNK);
    for (let n = 0; n < chunks; n += COPY_BATCH)
      await db
        .insertInto("file_chunks")
        .columns(["tenant_id", "file_id", "n", "data"])
        .expression((eb) =>
          eb
            .selectFrom("file_chunks")
            .select([sql<string>`${to.tenantId}::uuid`.as("tenant_id"), sql<string>`${id}::uuid`.as("file_id"), "n", "data"])
            .where("tenant_id", "=", from.tenantId)
            .where("file_id", "=", from.fileId)
            .where("n", ">=", n)
            .where("n", "<", n + COPY_BATCH),
        )
        .execute();
  } catch (e) {
    await deleteFile(db, to.tenantId, id).catch(() => undefined);
    throw e;
  }
  return { id, name: src.name, mime: src.mime, size: Number(src.size), purpose: src.purpose, sha256: src.sha256 ?? "" };
}

/** Makes copied files readable: called in the transaction that attaches them to something. */
export async function markFilesReady(db: Kysely<DB>, tenantId: string, ids: string[]) {
  if (ids.length)
    await db.updateTable("files").set({ status: "ready" }).where("tenant_id", "=", tenantId).where("id", "in", ids).where("status", "=", "uploading").execute();
}

/** Uploads left half-written by a node that stopped mid-way, a day later. */
export async function deleteStaleUploads(db: Kysely<DB>, tenantId: string) {
  await db
    .deleteFrom("files")
    .where("tenant_id", "=", tenantId)
    .where("status", "=", "uploading")
    .where("created_at", "<", sql<Date>`now() - interval '1 day'`)
    .execute();
}

export type FileRow = {
  id: string;
  owner_id: string | null;
  purpose: FilePurpose;
  name: string;
  mime: string;
  size: number;
  sha256: string | null;
  created_at: Date;
};

/** A ready file of the tenant, or undefined. */
export async function findFile(db: Kysely<DB>, tenantId: string, id: string): Promise<FileRow | undefined> {
  return db
    .selectFrom("files")
    .select(["id", "owner_id", "purpose", "name", "mime", "size", "sha256", "created_at"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("status", "=", "ready")
    .executeTakeFirst();
}

/** Names, types and sizes of many files in one query (to show them beside the items referencing them). */
export async function describeFiles(db: Kysely<DB>, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { id: string; name: string; mime: string; size: number }>();
  const rows = await db
    .selectFrom("files")
    .select(["id", "name", "mime", "size"])
    .where("tenant_id", "=", tenantId)
    .where("id", "in", [...new Set(ids)])
    .where("status", "=", "ready")
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Bytes [start, end] (inclusive) of a stored file, read a few chunks per query. */
export function readRange(db: Kysely<DB>, tenantId: string, fileId: string, start: number, end: number): Readable {
  const first = Math.floor(start / CHUNK);
  const last = Math.floor(end / CHUNK);
  const PER_QUERY = 4;
  async function* gen() {
    for (let from = first; from <= last; from += PER_QUERY) {
      const to = Math.min(last, from + PER_QUERY - 1);
      const rows = await db
        .selectFrom("file_chunks")
        .select(["n", "data"])
        .where("tenant_id", "=", tenantId)
        .where("file_id", "=", fileId)
        .where("n", ">=", from)
        .where("n", "<=", to)
        .orderBy("n")
        .execute();
      if (rows.length !== to - from + 1) throw new Error(`file ${fileId}: chunks ${from}..${to} missing`);
      for (const r of rows) {
        const base = r.n * CHUNK;
        const a = Math.max(start - base, 0);
        const b = Math.min(end - base + 1, r.data.length);
        yield a === 0 && b === r.data.length ? r.data : r.data.subarray(a, b);
      }
    }
  }
  return Readable.from(gen(), { objectMode: false });
}
