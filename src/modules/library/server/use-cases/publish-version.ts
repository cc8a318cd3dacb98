import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, forbidden } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, readContent } from "../../../courses/server/index.ts";
import type { PublishInput } from "../../shared/contract.ts";
import { mayPublish } from "../access.ts";
import { fileLimit, readExtras, storeBlobs } from "../carried.ts";
import { entryOfCourse, teachersMayPublish } from "../repo.ts";
import { snapshotOf, withExtras } from "../snapshot.ts";
import { fullEntry } from "./get-entry.ts";

/**
 * Publishes the course as it is now as the entry's next version (the first makes the entry): an
 * immutable snapshot with its change notes; the entry's description, licence, level and subjects
 * take the values given. A withdrawn entry comes back with it.
 */
export async function publishVersion(k: Kernel, actor: Actor, courseId: string, input: PublishInput) {
  const a = await loadCourse(k.db, actor, courseId);
  if (actor.kind !== "user") throw forbidden();
  const tid = actor.tenant.id;
  if (!mayPublish(actor, a, await teachersMayPublish(k.db, tid))) throw forbidden();
  const content = await readContent(k.db, tid, courseId);
  const local = withExtras(content, await readExtras(k.db, tid, content.items));
  const snapshot = snapshotOf(local);
  if (snapshot.sections.length === 0) throw new AppError("library.empty_course");
  // the bytes of the files it carries, by the platform's file ids (copied into the library below)
  const files = local.items.flatMap((i) =>
    i.file ? [{ id: i.file_id!, ref: i.file, title: i.title }, ...(i.captions ? [{ id: i.captions_file_id!, ref: i.captions, title: i.title }] : [])] : [],
  );
  const tooBig = files.find((f) => f.ref.size > fileLimit(k.config.UPLOAD_MAX_MB, f.ref.purpose));
  if (tooBig)
    throw new AppError(
      "library.file_too_large",
      { name: tooBig.ref.name, maxMb: Math.floor(fileLimit(k.config.UPLOAD_MAX_MB, tooBig.ref.purpose) / (1024 * 1024)) },
      undefined,
      422,
    );
  const existing = await entryOfCourse(k.db, tid, courseId);
  const me = await k.db
    .selectFrom("users")
    .select(["given_name", "family_name"])
    .where("tenant_id", "=", tid)
    .where("id", "=", actor.userId)
    .executeTakeFirstOrThrow();
  const entryId = existing?.id ?? newId();
  const meta = {
    title: input.title,
    description: input.description,
    language: input.language,
    level: input.level,
    licence: input.licence,
    subjects: [...new Set(input.subjects.map((s) => s.toLowerCase()))],
    withdrawn_at: null,
    updated_at: new Date(),
  };
  const number = await k.db.transaction().execute(async (tx) => {
    await storeBlobs(tx, tid, files);
    let n = 1;
    if (existing) {
      const r = await tx
        .updateTable("library_entries")
        .set({ ...meta, latest_version: sql`latest_version + 1` })
        .where("id", "=", entryId)
        .returning("latest_version")
        .executeTakeFirstOrThrow();
      n = r.latest_version;
    } else
      await tx
        .insertInto("library_entries")
        .values({ id: entryId, publisher_tenant_id: tid, source_course_id: courseId, ...meta, latest_version: 1 })
        .execute();
    await tx
      .insertInto("library_versions")
      .values({
        entry_id: entryId,
        number: n,
        change_notes: input.changeNotes,
        content: JSON.stringify(snapshot),
        sections: snapshot.sections.length,
        items: snapshot.items.length,
        published_by_name: `${me.given_name} ${me.family_name}`.trim(),
      })
      .execute();
    return n;
  });
  k.record({ tenantId: tid, actorId: actor.userId, verb: "published", objectType: "library-entry", objectId: entryId, context: { courseId, version: number } });
  const entry = await entryOfCourse(k.db, tid, courseId);
  return fullEntry(k, actor, entry!, number);
}
