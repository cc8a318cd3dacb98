import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countQueries, testDatabase } from "../../test/helpers.ts";
import { loadConfig } from "../server/config.ts";
import { createKernel } from "../server/kernel.ts";
import { createDatabase, type Database } from "./db/database.ts";
import { newId } from "./ids.ts";
import { createJobQueues, enqueueJob, registerJob, runJobs, startJobWorker } from "./jobs.ts";
import type { Kernel } from "./module.ts";

const ran: { kind: string; tenantId: string; payload: Record<string, unknown> }[] = [];
let failures = 0;
registerJob("test-ok", async (_k, tenantId, payload) => {
  ran.push({ kind: "test-ok", tenantId, payload });
});
registerJob("test-fail", async () => {
  failures++;
  throw new Error("the mail server said no");
});

const config = loadConfig({ LOG_LEVEL: "silent", DATA_DIR: "/tmp/archipel-test-data" });
const tenantId = newId();
const quiet = { error: () => {}, info: () => {} };

describe("background jobs (pg-boss behind the kernel's jobs port)", () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let k: Kernel;
  beforeAll(async () => {
    database = await testDatabase();
    k = createKernel(config, database, () => {});
    await createJobQueues(k.db); // this file's own kinds (the template has the modules' queues)
  });
  afterAll(async () => {
    await k.bus.close();
    await database.drop();
  });
  const jobs = (kind: string) =>
    sql<{ state: string; retry_count: number; output: { message?: string } | null }>`select state, retry_count, output from pgboss.job where name = ${kind}`
      .execute(k.db)
      .then((r) => r.rows);

  it("queues a job with one statement and runs it once with its tenant and payload", async () => {
    ran.length = 0;
    const { count } = await countQueries(() => enqueueJob(k, tenantId, "test-ok", { n: 1 }));
    expect(count).toBe(1);
    expect(await runJobs(k)).toBe(1);
    expect(ran).toEqual([{ kind: "test-ok", tenantId, payload: { n: 1 } }]);
    expect(await runJobs(k)).toBe(0);
    expect((await jobs("test-ok")).map((j) => j.state)).toEqual(["completed"]);
  });

  it("retries a failing job with a growing delay, then marks it failed after three attempts", async () => {
    await enqueueJob(k, tenantId, "test-fail", {});
    expect(await runJobs(k)).toBe(1);
    let [job] = await jobs("test-fail");
    expect(job).toMatchObject({ state: "retry", output: { message: "the mail server said no" } });
    // the retry waits 30 to 60 s: not run again now
    expect(await runJobs(k)).toBe(0);
    const wait = await sql<{ s: number }>`select extract(epoch from start_after - now())::int as s from pgboss.job where name = 'test-fail'`.execute(k.db);
    expect(wait.rows[0]!.s).toBeGreaterThanOrEqual(25);
    for (let attempt = 2; attempt <= 3; attempt++) {
      await sql`update pgboss.job set start_after = now() - interval '1 second' where name = 'test-fail'`.execute(k.db);
      expect(await runJobs(k)).toBe(1);
    }
    [job] = await jobs("test-fail");
    expect(job).toMatchObject({ state: "failed", retry_count: 2 });
    expect(failures).toBe(3);
    await sql`update pgboss.job set start_after = now() - interval '1 second' where name = 'test-fail'`.execute(k.db);
    expect(await runJobs(k)).toBe(0);
  });

  it("runs a delayed job only once its time has come", async () => {
    ran.length = 0;
    await enqueueJob(k, tenantId, "test-ok", { later: true }, new Date(Date.now() + 1500));
    expect(await runJobs(k)).toBe(0);
    await new Promise((r) => setTimeout(r, 1600));
    expect(await runJobs(k)).toBe(1);
    expect(ran.map((r) => r.payload)).toEqual([{ later: true }]);
  });

  it("queues inside the caller's transaction: a rolled-back request leaves no job", async () => {
    ran.length = 0;
    await expect(
      k.db.transaction().execute(async (trx) => {
        await enqueueJob(k, tenantId, "test-ok", { rolledBack: true }, undefined, trx);
        throw new Error("the request failed");
      }),
    ).rejects.toThrow("the request failed");
    await k.db.transaction().execute((trx) => enqueueJob(k, tenantId, "test-ok", { committed: true }, undefined, trx));
    expect(await runJobs(k)).toBe(1);
    expect(ran.map((r) => r.payload)).toEqual([{ committed: true }]);
  });

  it("refuses a kind nobody registered", async () => {
    await expect(enqueueJob(k, tenantId, "nobody-knows", {})).rejects.toThrow("unknown job kind nobody-knows");
  });

  it("runs each job once when two nodes' workers share the database", async () => {
    // on PostgreSQL the second node has its own pool; PGlite has one session, which both share
    let other: Database | null = null;
    let database2: Database = database;
    if (process.env.DATABASE_URL) {
      const name = (await sql<{ n: string }>`select current_database() as n`.execute(k.db)).rows[0]!.n;
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      other = database2 = await createDatabase({ url: url.toString() });
      await database2.refreshTenantTables();
    }
    const k2 = createKernel(config, database2, () => {});
    ran.length = 0;
    const stops = [await startJobWorker(k, quiet), await startJobWorker(k2, quiet)];
    try {
      for (let i = 0; i < 30; i++) await enqueueJob(i % 2 ? k : k2, tenantId, "test-ok", { i });
      const until = Date.now() + 20_000;
      while (ran.length < 30 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300)); // a second run would land now
    } finally {
      for (const stop of stops) await stop();
      await k2.bus.close();
      await other?.close();
    }
    expect(ran.map((r) => r.payload.i).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
