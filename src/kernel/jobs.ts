import { CompiledQuery, type Kysely } from "kysely";
import PgBoss from "pg-boss";
import type { DB } from "./db/schema.ts";
import type { Kernel } from "./module.ts";

/**
 * Background jobs on pg-boss 10, in its own schema ("pgboss", created by our migrations: see
 * jobs-migration.ts). A request only inserts a job; the worker of any node runs it (pg-boss takes
 * jobs with FOR UPDATE SKIP LOCKED, so several nodes never run one twice). Every statement goes
 * through the kernel's Kysely pool (`executeSql` below): one code path for PGlite (one embedded
 * session, pool of one) and PostgreSQL, and pg-boss's statements are counted like ours. The tenant
 * guard leaves them alone (raw statements, not built through Kysely); the tenant travels in the
 * job's data. Big work (a fan-out to 36,000 people) is split by its handler into follow-up jobs of
 * a bounded size, so no job runs long.
 */
export type JobHandler = (k: Kernel, tenantId: string, payload: Record<string, unknown>) => Promise<void>;
type JobData = { tenantId: string; payload: Record<string, unknown> };

/** Every job kind and its handler, declared at module load: the queues the migrations step creates (createJobQueues). */
const handlers = new Map<string, JobHandler>();
const bosses = new WeakMap<Kernel, PgBoss>();
const wakers = new WeakMap<Kernel, () => void>();

const SETTINGS = {
  schema: "pgboss",
  // the schema is made by our migrations (so test templates have it and no node runs DDL on start);
  // start() only checks its version
  migrate: false,
  // no cron: the digest scheduler and sweeps have their own timers
  schedule: false,
  // 3 attempts, the retries 30-60 s then 60-120 s later
  retryLimit: 2,
  retryDelay: 30,
  retryBackoff: true,
  // a job taken by a node that died is failed (then retried) after this; jobs are kept short
  expireInSeconds: 5 * 60,
  // finished jobs move to pgboss.archive after 12 h and leave it a week later
  archiveCompletedAfterSeconds: 12 * 3600,
  deleteAfterDays: 7,
  // timers of a started pg-boss only: a node's worker (startJobWorker), never tests draining with runJobs
  maintenanceIntervalSeconds: 120,
  monitorStateIntervalSeconds: 600,
};

/** pg-boss's statements on a Kysely connection: the pool, or the caller's transaction. */
function executor(db: Kysely<DB>): PgBoss.Db {
  return { executeSql: (text, values) => db.executeQuery(CompiledQuery.raw(text, values ?? [])) };
}

function bossOf(k: Kernel): PgBoss {
  let boss = bosses.get(k);
  if (!boss) {
    boss = new PgBoss({ ...SETTINGS, db: executor(k.db) });
    bosses.set(k, boss);
  }
  return boss;
}

/** Declared once per kind by the module that owns it, at module load (all kinds are known before the migrations step and the worker run). */
export function registerJob(kind: string, handler: JobHandler) {
  handlers.set(kind, handler);
}

/**
 * Queues the job (one INSERT). Given the caller's transaction as `db`, the job exists only if it
 * commits; on PGlite it must be given then (the pool has one connection, held by the transaction).
 */
export async function enqueueJob(k: Kernel, tenantId: string, kind: string, payload: Record<string, unknown>, runAfter?: Date, db?: Kysely<DB>) {
  if (!handlers.has(kind)) throw new Error(`unknown job kind ${kind}`);
  const data: JobData = { tenantId, payload };
  const id = await bossOf(k).send(kind, data, { ...(runAfter && { startAfter: runAfter }), ...(db && { db: executor(db) }) });
  if (!id) throw new Error(`no queue for job kind ${kind}: run the migrations (createJobQueues)`);
  // this node's worker looks at once instead of at its next poll
  wakers.get(k)?.();
}

/** Creates the queue of every registered kind that has none yet; run after the migrations (pg-boss needs a queue before its first job). */
export async function createJobQueues(db: Kysely<DB>) {
  const boss = new PgBoss({ ...SETTINGS, db: executor(db) });
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  for (const kind of handlers.keys()) if (!existing.has(kind)) await boss.createQueue(kind);
}

async function run(k: Kernel, kind: string, data: JobData) {
  const handler = handlers.get(kind);
  if (!handler) throw new Error(`unknown job kind ${kind}`);
  await handler(k, data.tenantId, data.payload);
}

/**
 * Runs due jobs until none is left (or about `max` ran), each queue in turn until it is empty, and
 * again while a job queued another; returns how many ran. The worker runs it; tests call it to drain.
 * The jobs of a batch of 5 that succeeded are marked done with one statement, not one each: it
 * halves a drain's statements (1,000 jobs on PostgreSQL: 4.9-8.1 s instead of 6.8-13.9 s on a
 * loaded machine, 250 ms of client CPU instead of 460-760 ms); a node that dies mid-batch runs
 * them again after their expiry, as it would the job it was running.
 */
export async function runJobs(k: Kernel, max = 10_000): Promise<number> {
  const boss = bossOf(k);
  let ran = 0;
  let found = true;
  while (found && ran < max) {
    found = false;
    for (const kind of handlers.keys()) {
      while (ran < max) {
        const jobs = await boss.fetch<JobData>(kind, { batchSize: 5 });
        if (jobs.length === 0) break;
        found = true;
        const done: string[] = [];
        for (const job of jobs) {
          ran++;
          try {
            await run(k, kind, job.data);
            done.push(job.id);
          } catch (e) {
            await boss.fail(kind, job.id, { message: String((e as Error).message ?? e).slice(0, 2000) });
          }
        }
        if (done.length) await boss.complete(kind, done);
      }
    }
  }
  return ran;
}

type Log = { error(obj: unknown, msg: string): void; info(obj: unknown, msg: string): void };

/**
 * Starts this node's worker: every 2 s (and at once after an enqueue on this node) it runs due
 * jobs until none is left, as runJobs does, plus pg-boss's maintenance (expiry of jobs taken by a
 * dead node, archiving, deletion) and queue monitoring. Not pg-boss's work(): its loop waits its
 * whole polling interval after every fetch, one batch per queue per interval (1,000 one-job
 * batches would take half an hour; taking many at once would fail them all when one fails).
 * Returns a stop function.
 */
export async function startJobWorker(k: Kernel, log: Log, everyMs = 2_000): Promise<() => Promise<void>> {
  const boss = bossOf(k);
  boss.on("error", (e) => log.error({ err: e }, "background jobs: pg-boss failed"));
  boss.on("monitor-states", (states) => log.info({ jobs: states.queues }, "background job queues"));
  await boss.start();
  let running: Promise<void> | null = null;
  let again = false;
  const tick = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await runJobs(k, 500);
        } while (again);
      } catch (e) {
        log.error({ err: e }, "background jobs could not run");
      } finally {
        running = null;
      }
    })();
  };
  wakers.set(k, tick);
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return async () => {
    wakers.delete(k);
    clearInterval(timer);
    await running;
    await boss.stop({ graceful: false });
  };
}
