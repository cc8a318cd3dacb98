import { sql } from "kysely";
import { crossTenant } from "../../../kernel/db/database.ts";
import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";

/**
 * Background jobs in a plain table, claimed with `UPDATE ... WHERE id IN (SELECT ... FOR UPDATE
 * SKIP LOCKED)`: the same SQL on PGlite and PostgreSQL, no LISTEN/NOTIFY, safe with several nodes
 * (each claim is atomic; a job claimed by a node that died is retried after JOB_LEASE_MS). Chosen
 * over pg-boss because it needs no adapter, no extra schema and one code path in tests: a request
 * only inserts a row; the worker of any node runs it. Big work (a fan-out to 36,000 people) is
 * split by its handler into follow-up jobs of a bounded size, so no job runs long.
 */
export type JobHandler = (k: Kernel, tenantId: string, payload: Record<string, unknown>) => Promise<void>;

const handlers = new Map<string, JobHandler>();
const JOB_LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 3;
const wakers = new WeakMap<Kernel, () => void>();

/** Declared once per kind by the module that owns it (all kinds are known before the worker runs). */
export function registerJob(kind: string, handler: JobHandler) {
  handlers.set(kind, handler);
}

export async function enqueueJob(k: Kernel, tenantId: string, kind: string, payload: Record<string, unknown>, runAfter = new Date()) {
  if (!handlers.has(kind)) throw new Error(`unknown job kind ${kind}`);
  await k.db
    .insertInto("notification_jobs")
    .values({ tenant_id: tenantId, id: newId(), kind, payload: JSON.stringify(payload), run_after: runAfter })
    .execute();
  // this node's worker looks at once instead of at its next tick
  wakers.get(k)?.();
}

async function claim(k: Kernel, max: number) {
  const leaseEnd = new Date(Date.now() - JOB_LEASE_MS);
  return crossTenant(k.db)
    .updateTable("notification_jobs")
    .set({ status: "running", claimed_at: new Date(), attempts: sql`attempts + 1` })
    .where(({ eb, refTuple, selectFrom }) =>
      eb(
        refTuple("tenant_id", "id"),
        "in",
        selectFrom("notification_jobs as j")
          .select(["j.tenant_id", "j.id"])
          .where("j.run_after", "<=", new Date())
          .where((w) => w.or([w("j.status", "=", "queued"), w.and([w("j.status", "=", "running"), w("j.claimed_at", "<", leaseEnd)])]))
          .orderBy("j.run_after")
          .limit(max)
          .forUpdate()
          .skipLocked() as never,
      ),
    )
    .returning(["tenant_id", "id", "kind", "payload", "attempts"])
    .execute();
}

/** Runs due jobs until none is left (or `max` ran); returns how many ran. Tests call it to drain. */
export async function runJobs(k: Kernel, max = 10_000): Promise<number> {
  let ran = 0;
  while (ran < max) {
    const batch = await claim(k, 5);
    if (batch.length === 0) break;
    for (const job of batch) {
      ran++;
      const handler = handlers.get(job.kind);
      try {
        if (!handler) throw new Error(`unknown job kind ${job.kind}`);
        await handler(k, job.tenant_id, job.payload);
        await k.db
          .updateTable("notification_jobs")
          .set({ status: "done", finished_at: new Date(), error: null })
          .where("tenant_id", "=", job.tenant_id)
          .where("id", "=", job.id)
          .execute();
      } catch (e) {
        const failed = job.attempts >= MAX_ATTEMPTS;
        await k.db
          .updateTable("notification_jobs")
          .set({
            status: failed ? "failed" : "queued",
            error: String((e as Error).message ?? e).slice(0, 2000),
            run_after: new Date(Date.now() + 30_000 * job.attempts),
            ...(failed && { finished_at: new Date() }),
          })
          .where("tenant_id", "=", job.tenant_id)
          .where("id", "=", job.id)
          .execute();
      }
    }
  }
  return ran;
}

/** Polls every `everyMs` (and at once after an enqueue on this node); finished jobs are kept a week. Returns a stop function. */
export function startJobWorker(k: Kernel, log: (e: unknown) => void, everyMs = 2_000) {
  let running = false;
  let again = false;
  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await runJobs(k, 500);
      } while (again);
    } catch (e) {
      log(e);
    } finally {
      running = false;
    }
  };
  wakers.set(k, () => void tick());
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  const cleaner = setInterval(
    () =>
      void crossTenant(k.db)
        .deleteFrom("notification_jobs")
        .where("status", "in", ["done", "failed"])
        .where("finished_at", "<", new Date(Date.now() - 7 * 86400_000))
        .execute()
        .catch(log),
    3600_000,
  );
  cleaner.unref();
  return () => {
    wakers.delete(k);
    clearInterval(timer);
    clearInterval(cleaner);
  };
}
