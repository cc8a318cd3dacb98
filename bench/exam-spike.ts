/**
 * `npm run bench:exam` (or `npm run bench -- --only exam`): the "exam spike".
 *
 * 500 virtual learners start the same timed quiz within 10 s, then each autosaves an answer every
 * 5 s for 2 minutes (`--spike-seconds N` to shorten), as browsers do during an exam. Printed: start
 * p95, save p95, errors, and — after the spike — every acknowledged save checked in the database
 * (0 lost). Then the autosave's capacity: saves/s with 16 connections for a few seconds, as a
 * ratio to the ceiling measured in the same run (bare Fastify + one primary-key query; target >= 0.2).
 * The server runs in a child process (bench/exam-server.ts), the load generator here.
 */
import { type ChildProcess, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import autocannon from "autocannon";
import type { Acked, ExamCommand, ExamReady, Learner, Verified } from "./exam-server.ts";
import { percentiles } from "./stats.ts";

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const SPIKE_SECONDS = arg("--spike-seconds", 120);
const START_WINDOW_S = 10;
const SAVE_EVERY_S = 5;
const CAPACITY_SECONDS = arg("--capacity-seconds", 8);
const CONNECTIONS = 16;
const json = args.includes("--json");
const log = (m: string) => {
  if (!json) process.stderr.write(`${m}\n`);
};

function start(): Promise<{ child: ChildProcess; ready: ExamReady }> {
  const child = fork(new URL("./exam-server.ts", import.meta.url), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", 2, "inherit", "ipc"] });
  return new Promise((ok, fail) => {
    child.once("exit", (code) => fail(new Error(`exam server exited with code ${code} before it was ready`)));
    child.once("message", (ready: ExamReady) => ok({ child, ready }));
  });
}
function ask<T>(child: ChildProcess, cmd: ExamCommand): Promise<T> {
  return new Promise((ok) => {
    child.once("message", (m: T) => ok(m));
    child.send(cmd);
  });
}

/** CPU time (ms, all threads) a process has used so far, from /proc; undefined elsewhere. */
function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return undefined;
  }
}
const cpuOf = async <T>(pid: number, fn: () => Promise<T>) => {
  const c0 = cpuMs(pid);
  const result = await fn();
  const c1 = cpuMs(pid);
  return { result, cpu: c0 === undefined || c1 === undefined ? undefined : c1 - c0 };
};

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const loadBefore = loadavg()[0];
log(`Exam spike: ${availableParallelism()} cores, Node ${process.versions.node}; preparing the database (learners, sessions, quiz)…`);
const { child, ready } = await start();
log(`  ${ready.learners.length} learners on ${ready.database}`);

// the spike: each learner a browser with its own keep-alive connection (Node's fetch pools them per origin, unbounded)
const base = `http://127.0.0.1:${ready.app}/p/${ready.slug}`;
type Att = { id: string; questions: { slot: number; question: { type: string; options?: { id: string }[] } }[] };
const startLat: number[] = [];
const saveLat: number[] = [];
const errors: string[] = [];
const acked = new Map<string, Acked>();
let saves = 0;

async function call(l: Learner, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { cookie: l.cookie, "x-csrf-token": l.csrf, "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** an answer to a question of the attempt, carrying a text that identifies this save */
function answer(q: Att["questions"][number], text: string) {
  switch (q.question.type) {
    case "numeric":
      return { type: "numeric", text };
    case "math":
      return { type: "math", latex: text };
    default:
      return { type: "short", text };
  }
}

async function learner(l: Learner, index: number, t0: number) {
  await sleep((index / ready.learners.length) * START_WINDOW_S * 1000 + Math.random() * 50);
  let t = performance.now();
  const s = await call(l, "POST", `/api/v1/courses/${ready.courseId}/quizzes/${ready.quizId}/attempts`, {}).catch((e) => ({ status: 0, body: String(e) }));
  startLat.push(performance.now() - t);
  if (s.status !== 200) return void errors.push(`start ${s.status} ${JSON.stringify(s.body).slice(0, 200)}`);
  const attempt = s.body as Att;
  const typed = attempt.questions.filter((q) => ["short", "numeric", "math"].includes(q.question.type));
  const seqs = new Map<number, number>();
  const end = t0 + (START_WINDOW_S + SPIKE_SECONDS) * 1000;
  await sleep(Math.random() * SAVE_EVERY_S * 1000);
  for (let n = 0; performance.now() < end; n++) {
    const q = typed[n % typed.length];
    const seq = (seqs.get(q.slot) ?? 0) + 1;
    seqs.set(q.slot, seq);
    const text = `${index}-${q.slot}-${seq}`;
    t = performance.now();
    const r = await call(l, "PUT", `/api/v1/quiz-attempts/${attempt.id}/answers/${q.slot}`, { seq, response: answer(q, text) }).catch((e) => ({
      status: 0,
      body: String(e),
    }));
    saveLat.push(performance.now() - t);
    saves++;
    if (r.status !== 200 || r.body.seq < seq) errors.push(`save ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    else acked.set(`${attempt.id}:${q.slot}`, { attemptId: attempt.id, slot: q.slot, seq, text });
    await sleep(Math.max(0, SAVE_EVERY_S * 1000 - (performance.now() - t)));
  }
  return { attempt, typed, seqs };
}

log(`  spike: ${ready.learners.length} learners start within ${START_WINDOW_S} s, then save every ${SAVE_EVERY_S} s for ${SPIKE_SECONDS} s…`);
const t0 = performance.now();
const { result: sessions, cpu: spikeCpu } = await cpuOf(child.pid!, () => Promise.all(ready.learners.map((l, i) => learner(l, i, t0))));
const spikeSeconds = (performance.now() - t0) / 1000;
if (!sessions.some(Boolean)) {
  child.kill();
  throw new Error(`no learner could start the quiz: ${errors[0]}`);
}

// ceiling: bare Fastify + one query, measured on this machine just before and just after the capacity run (the machine may be shared)
async function measureCeiling() {
  const { result, cpu } = await cpuOf(child.pid!, () => autocannon({ url: `http://127.0.0.1:${ready.query}/`, connections: CONNECTIONS, duration: 4 }));
  return { rps: result["2xx"] / result.duration, cpuMs: cpu === undefined ? Number.NaN : cpu / Math.max(1, result["2xx"]) };
}
await autocannon({ url: `http://127.0.0.1:${ready.query}/`, connections: CONNECTIONS, duration: 1 });
const before = await measureCeiling();
// capacity: saves as fast as 16 connections send them (learners and slots in turn, increasing seq)
log(`  capacity: saves with ${CONNECTIONS} connections for ${CAPACITY_SECONDS} s…`);
await ask(child, { cmd: "analyze" });
const live = sessions.flatMap((s, i) => (s ? [{ l: ready.learners[i], ...s }] : []));
let next = 0;
const capacityRequest = (req: object) => {
  const s = live[next++ % live.length];
  const q = s.typed[next % s.typed.length];
  const seq = (s.seqs.get(q.slot) ?? 0) + 1;
  s.seqs.set(q.slot, seq);
  const text = `cap-${next}`;
  return {
    ...req,
    method: "PUT" as const,
    path: `/p/${ready.slug}/api/v1/quiz-attempts/${s.attempt.id}/answers/${q.slot}`,
    headers: { cookie: s.l.cookie, "x-csrf-token": s.l.csrf, "content-type": "application/json" },
    body: JSON.stringify({ seq, response: answer(q, text) }),
  };
};
const capLat: number[] = [];
const cap = autocannon({
  url: `http://127.0.0.1:${ready.app}`,
  connections: CONNECTIONS,
  duration: CAPACITY_SECONDS,
  requests: [{ setupRequest: capacityRequest as never }],
});
cap.on("response", (_c: unknown, _s: number, _b: number, ms: number) => capLat.push(ms));
const { result: capResult, cpu: capCpu } = await cpuOf(child.pid!, () => cap);
const saveCpuMs = capCpu === undefined ? Number.NaN : capCpu / Math.max(1, capResult["2xx"]);
const after = await measureCeiling();
const ceiling = (before.rps + after.rps) / 2;
/** server CPU per request: what the machine's other processes change little */
const ceilingCpuMs = (before.cpuMs + after.cpuMs) / 2;
const capacity = capResult["2xx"] / capResult.duration;
const capFailures = capResult.non2xx + capResult.errors;

// every acknowledged save of the spike is in the database (capacity saves only raise the seq, checked as >=)
const verified = await ask<Verified>(child, { cmd: "verify", acked: [...acked.values()] });
child.removeAllListeners("exit");
const exited = new Promise((ok) => child.once("exit", ok));
child.send({ cmd: "stop" } satisfies ExamCommand);
await exited;

const st = percentiles(startLat);
const sv = percentiles(saveLat);
const cp = percentiles(capLat);
const ratio = capacity / ceiling;
const out = {
  database: ready.database,
  learners: ready.learners.length,
  spikeSeconds,
  starts: startLat.length,
  startP50: st.p50,
  startP95: st.p95,
  saves,
  savesPerSecondOffered: saves / spikeSeconds,
  saveP50: sv.p50,
  saveP95: sv.p95,
  errors: errors.length,
  acknowledged: verified.checked,
  lost: verified.lost.length,
  eventsRecorded: verified.events,
  ceiling,
  capacity,
  capacityP95: cp.p95,
  capacityFailures: capFailures,
  ratio,
  ceilingCpuMs,
  saveCpuMs,
  spikeCpuMsPerRequest: spikeCpu === undefined ? Number.NaN : spikeCpu / Math.max(1, startLat.length + saves),
  cpuRatio: ceilingCpuMs / saveCpuMs,
  target: 0.2,
  met: ratio >= 0.2 && errors.length === 0 && verified.lost.length === 0 && capFailures === 0,
  loadBefore,
};
if (json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
else {
  const f = (n: number, d = 1) => n.toFixed(d);
  console.log(`\nexam spike (${out.database}): ${out.learners} learners, ${f(spikeSeconds, 0)} s`);
  console.log(`  starts      ${out.starts}   p50 ${f(st.p50)} ms   p95 ${f(st.p95)} ms`);
  console.log(`  saves       ${saves}   ${f(out.savesPerSecondOffered)} /s offered   p50 ${f(sv.p50)} ms   p95 ${f(sv.p95)} ms`);
  console.log(`  errors      ${errors.length}${errors.length ? `  (first: ${errors[0]})` : ""}`);
  console.log(
    `  lost        ${verified.lost.length} of ${verified.checked} acknowledged answers checked in the database${verified.lost.length ? `  (first: ${verified.lost[0]})` : ""}`,
  );
  console.log(`  capacity    ${f(capacity, 0)} saves/s (${CONNECTIONS} connections, p95 ${f(cp.p95)} ms, ${capFailures} failed)`);
  console.log(`  ceiling     ${f(ceiling, 0)} req/s (Fastify + 1 query)   ratio ${f(ratio, 2)}   target >= 0.2   ${out.met ? "ok" : "MISSED"}`);
  console.log(
    `  CPU         ${f(ceilingCpuMs, 2)} ms per ceiling request, ${f(saveCpuMs, 2)} ms per save at capacity, ${f(out.spikeCpuMsPerRequest, 2)} ms per request in the spike (server process); CPU ratio ${f(out.cpuRatio, 2)}`,
  );
  if (loadBefore > 0.5) console.log(`  load average ${loadBefore.toFixed(2)} before the run: other processes used the CPU, the figures are noisy`);
}
process.exit(out.met ? 0 : 1);
