import type { Kysely } from "kysely";
import type { Actor, UserActor } from "../auth/actor.ts";
import type { DB, FilePurpose } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { type FileRow, findFile } from "./store.ts";

/**
 * Who may read a file follows from what references it. Each module that stores file ids declares
 * a check: "does one of my resources reference this file, and may the actor see that resource?"
 * (courses: an item of a course the actor may view). A file nothing lets the actor see is readable
 * by its owner only; anyone else gets 404, as for a file of another platform.
 */
export type FileReferenceCheck = (db: Kysely<DB>, actor: UserActor, file: FileRow) => Promise<boolean>;

const checks = new Map<string, FileReferenceCheck>();

/** Called by a module's register(): `registerFileReferences("courses", check)`. */
export function registerFileReferences(name: string, check: FileReferenceCheck) {
  checks.set(name, check);
}

export async function maySeeFile(db: Kysely<DB>, actor: UserActor, file: FileRow): Promise<boolean> {
  if (file.owner_id === actor.userId) return true;
  for (const check of checks.values()) if (await check(db, actor, file)) return true;
  return false;
}

/** The file if the actor may read it; 404 otherwise (also for another platform's id). */
export async function loadVisibleFile(db: Kysely<DB>, actor: Actor, fileId: string): Promise<FileRow> {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const file = await findFile(db, actor.tenant.id, fileId);
  if (!file || !(await maySeeFile(db, actor, file))) throw new AppError("not_found");
  return file;
}

/**
 * For use cases that attach a file to something (a course item's file, video or captions): the
 * file must exist on the platform, be ready, have been uploaded for this purpose, and be one the
 * actor may read (their upload, or one already attached to something they see). Otherwise a 422
 * on `field`, so the form shows it next to the file input.
 */
export async function assertUsableFile(db: Kysely<DB>, actor: Actor, fileId: string, purpose: FilePurpose, field = "fileId") {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const refuse = () => new AppError("validation", {}, { [field]: { code: "files.not_usable", params: { purpose } } });
  const file = await findFile(db, actor.tenant.id, fileId);
  if (!file || file.purpose !== purpose) throw refuse();
  if (!(await maySeeFile(db, actor, file))) throw refuse();
  return { id: file.id, name: file.name, mime: file.mime, size: file.size };
}
