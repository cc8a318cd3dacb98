import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, forbidden, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { applyContentChanges, loadCourse, readContent, requireCourse } from "../../../courses/server/index.ts";
import { pushGrades } from "../../../quizzes/server/grading.ts";
import { adminPaths } from "../access.ts";
import { readExtras, writeExtras } from "../carried.ts";
import { presentImport, presentVersion } from "../present.ts";
import { importsOf, originsOf, versionContent, versionsOf } from "../repo.ts";
import { planUpdate, withExtras } from "../snapshot.ts";

/** A course made from the library, for its editors; 404 when it was not. */
async function loadImport(k: Kernel, actor: Actor, courseId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "edit");
  if (actor.kind !== "user") throw forbidden();
  const [row] = await importsOf(k.db, actor.tenant.id, actor.userId, adminPaths(actor), courseId);
  if (!row) throw notFound();
  return { actor, row };
}

async function plan(k: Kernel, tid: string, row: { course_id: string; entry_id: string; version: number }, to: number) {
  const [local, origins, next] = await Promise.all([
    readContent(k.db, tid, row.course_id),
    originsOf(k.db, tid, row.course_id),
    versionContent(k.db, row.entry_id, to),
  ]);
  if (!next) throw notFound();
  return planUpdate(withExtras(local, await readExtras(k.db, tid, local.items)), origins, next, row.version, to);
}

/** A linked copy's newer versions with their change notes, and what applying the latest would do (nothing is written). */
export async function getLink(k: Kernel, actor: Actor, courseId: string) {
  const { actor: me, row } = await loadImport(k, actor, courseId);
  const newer =
    row.linked && !row.withdrawn_at && row.latest_version > row.version ? (await versionsOf(k.db, row.entry_id)).filter((v) => v.number > row.version) : [];
  const p = newer.length ? await plan(k, me.tenant.id, row, row.latest_version) : null;
  return { ...presentImport(row), newer: newer.map(presentVersion), plan: p?.report ?? null };
}

/**
 * Brings a linked copy to the latest version (see planUpdate for the rules). `version` is the
 * one the person saw: if a newer one was published since, nothing is done (409) and the page
 * shows it.
 */
export async function applyUpdate(k: Kernel, actor: Actor, courseId: string, version: number) {
  const { actor: me, row } = await loadImport(k, actor, courseId);
  if (!row.linked) throw new AppError("library.not_linked");
  if (row.withdrawn_at) throw new AppError("library.withdrawn");
  if (version !== row.latest_version || version <= row.version) throw new AppError("library.version_moved", { version: row.latest_version }, undefined, 409);
  const tid = me.tenant.id;
  const { changes, report, nextOrigins, writes } = await plan(k, tid, row, version);
  const quizzes = await k.db.transaction().execute(async (tx) => {
    const ids = await applyContentChanges(tx, tid, courseId, changes);
    const ctx = { tid, courseId, userId: me.userId, uploadMaxMb: k.config.UPLOAD_MAX_MB };
    for (const w of writes) await writeExtras(tx, ctx, ids.get(w.local) ?? w.local, w.item);
    await tx.deleteFrom("library_origins").where("tenant_id", "=", tid).where("course_id", "=", courseId).execute();
    const rows = [...nextOrigins].map(([key, o]) => ({
      tenant_id: tid,
      course_id: courseId,
      key,
      kind: o.kind,
      local_id: ids.get(o.local) ?? o.local,
      hash: o.hash,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await tx
        .insertInto("library_origins")
        .values(rows.slice(i, i + 500))
        .execute();
    await tx.updateTable("library_imports").set({ version, updated_at: new Date() }).where("tenant_id", "=", tid).where("course_id", "=", courseId).execute();
    return writes.filter((w) => w.item.quiz).map((w) => ids.get(w.local) ?? w.local);
  });
  // a quiz whose questions changed: its grade item and grades follow the new maximum
  for (const id of quizzes) await pushGrades(k, tid, id);
  k.record({
    tenantId: tid,
    actorId: me.userId,
    verb: "updated",
    objectType: "library-import",
    objectId: courseId,
    context: { entryId: row.entry_id, ...report, conflicts: report.conflicts.length },
  });
  return report;
}
