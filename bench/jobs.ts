/**
 * `node --import tsx bench/jobs.ts`: enqueues 1,000 background jobs one by one (as request
 * handlers do) and drains them with runJobs (as tests do; the worker runs the same fetch/complete
 * statements). Prints both times. Database: in-memory PGlite, or a throwaway database on DATABASE_URL's server.
 */
import { newId } from "../src/kernel/ids.ts";
import { createJobQueues, enqueueJob, registerJob, runJobs } from "../src/kernel/jobs.ts";
import { loadConfig } from "../src/server/config.ts";
import { createKernel } from "../src/server/kernel.ts";
import { benchDatabase } from "./database.ts";

const JOBS = 1000;
const { database, drop } = await benchDatabase("jobs");
const k = createKernel(loadConfig({ LOG_LEVEL: "silent", DATA_DIR: "/tmp/archipel-bench-data" }), database, (m, e) => console.error(m, e));
let ran = 0;
registerJob("bench-noop", async () => {
  ran++;
});
await createJobQueues(k.db);
const tenantId = newId();
let t0 = performance.now();
let c0 = process.cpuUsage();
for (let i = 0; i < JOBS; i++) await enqueueJob(k, tenantId, "bench-noop", { i });
const enqueued = performance.now() - t0;
const enqueuedCpu = process.cpuUsage(c0);
t0 = performance.now();
c0 = process.cpuUsage();
await runJobs(k);
const drained = performance.now() - t0;
const drainedCpu = process.cpuUsage(c0);
const cpu = (u: NodeJS.CpuUsage) => `${((u.user + u.system) / 1000).toFixed(0)} ms CPU`;
console.log(
  `${database.kind}: enqueue ${JOBS} jobs ${enqueued.toFixed(0)} ms (${(enqueued / JOBS).toFixed(2)} ms each, ${cpu(enqueuedCpu)}), drain ${drained.toFixed(0)} ms (${cpu(drainedCpu)}, ${ran} ran)`,
);
await k.bus.close();
await drop();
