import { setImmediate as tick } from "node:timers/promises";
import type { FastifyBaseLogger } from "fastify";
import { hashPassword } from "../../../../kernel/auth/password.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { syncEnrolmentRules } from "../../../enrolment/server/index.ts";
import { syncGuardianPlaces } from "../../../school/server/index.ts";
import { insertOrg } from "../../../orgs/server/index.ts";
import { activateImported, deleteEmptyClasses, deleteImported, type ImportedPerson, insertImportedPeople, refreshStats, updateImport } from "../repo.ts";
import type { PlannedRow } from "../validate.ts";

export const BATCH = 500;

export type ImportJob = {
  tenantId: string;
  importId: string;
  actorId: string;
  org: { id: string; path: string };
  rows: PlannedRow[];
  existingClasses: Map<string, string>;
  newClasses: { key: string; name: string }[];
};

class Interrupted extends Error {}

/**
 * Creates the classes, then the people in batches of BATCH rows, each batch one short
 * transaction that also moves the progress counter. People are created as 'importing' (they
 * cannot sign in and are listed nowhere) and all turn active in one last short transaction: the
 * import is all or nothing. On any failure everything it created is removed again. Never throws.
 */
export async function runUserImport(k: Kernel, job: ImportJob, signal: { aborted: boolean }, log: FastifyBaseLogger) {
  const { tenantId, importId, org } = job;
  const created: string[] = [];
  try {
    const classOf = new Map(job.existingClasses);
    const used = new Set(job.rows.map((r) => r.classKey));
    const wanted = job.newClasses.filter((c) => used.has(c.key));
    if (wanted.length) {
      const ids = wanted.map(() => newId());
      await k.db.transaction().execute(async (trx) => {
        for (const [i, c] of wanted.entries()) {
          await insertOrg(trx, tenantId, {
            id: ids[i],
            parent_id: org.id,
            path: `${org.path}${ids[i]}/`,
            name: c.name,
            kind: "class",
            code: null,
            primary_color: null,
            logo_url: null,
          });
        }
        await updateImport(trx, tenantId, importId, { class_ids: JSON.stringify(ids), created_classes: ids.length });
      });
      created.push(...ids);
      for (const [i, c] of wanted.entries()) classOf.set(c.key, ids[i]);
    }

    for (let i = 0; i < job.rows.length; i += BATCH) {
      if (signal.aborted) throw new Interrupted();
      const batch = job.rows.slice(i, i + BATCH);
      // argon2 only for the rows that bring a password, outside any transaction
      const hashes = await Promise.all(batch.map((r) => (r.password ? hashPassword(r.password) : null)));
      const people: ImportedPerson[] = batch.map((r, j) => ({
        id: newId(),
        username: r.username,
        email: r.email,
        given_name: r.givenName,
        family_name: r.familyName,
        profile: r.profile,
        password_hash: hashes[j],
        org_id: r.classKey ? classOf.get(r.classKey)! : org.id,
        role_id: newId(),
      }));
      await k.db.transaction().execute(async (trx) => {
        await insertImportedPeople(trx, tenantId, importId, people);
        await updateImport(trx, tenantId, importId, { done: i + batch.length });
      });
      const n = i / BATCH + 1;
      if ((n & (n - 1)) === 0) await refreshStats(k.db); // after batches 1, 2, 4, 8...: the tables doubled
      await tick(); // let waiting requests have the connection
    }

    if (signal.aborted) throw new Interrupted();
    const users = await k.db.transaction().execute(async (trx) => {
      const n = await activateImported(trx, tenantId, importId);
      await updateImport(trx, tenantId, importId, { status: "done", done: job.rows.length, created_users: n, finished_at: new Date() });
      return n;
    });
    // courses enrolling the learners of a node now include those placed under it
    await syncEnrolmentRules(k.db, tenantId);
    // and parents follow their children into the classes they were placed in
    await syncGuardianPlaces(k, tenantId);
    k.record({
      tenantId,
      actorId: job.actorId,
      verb: "imported",
      objectType: "user_import",
      objectId: importId,
      context: { orgId: org.id, users, classes: created.length },
    });
  } catch (e) {
    const code = e instanceof Interrupted ? "import.interrupted" : (e as { code?: string }).code === "23505" ? "import.conflict" : "import.failed";
    if (code === "import.failed") log.error({ err: e, importId }, "import failed");
    try {
      await undoImport(k, tenantId, importId, created, code);
    } catch (e2) {
      // left 'running': undone later by ImportRunner.sweep once it looks stale
      log.error({ err: e2, importId }, "could not undo a failed import");
    }
    k.record({ tenantId, actorId: job.actorId, verb: "import-failed", objectType: "user_import", objectId: importId, context: { orgId: org.id, error: code } });
  }
}

/** Removes what an import created and marks it failed with a message id. Safe to repeat. */
export async function undoImport(k: Kernel, tenantId: string, importId: string, classIds: string[], code: string) {
  await deleteImported(k.db, tenantId, importId);
  // a class someone has since used in a way that forbids its removal is left in place
  await deleteEmptyClasses(k.db, tenantId, classIds).catch(() => undefined);
  await updateImport(k.db, tenantId, importId, { status: "failed", error: code, created_users: 0, created_classes: 0, finished_at: new Date() });
}
