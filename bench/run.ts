/**
 * `npm run bench [-- --json] [-- --seconds N]`: loads each scenario with autocannon (16 connections,
 * a warm-up, then a window of N seconds inside a continuous run) and prints it beside a ceiling
 * measured in the same run on this machine.
 * The warm-up lasts 2 s and at least 1,500 requests: V8 optimises a function after it has run
 * enough, so a slow scenario (sign-in, ~170 requests a second) would otherwise be measured while
 * its code still runs unoptimised, a state a server leaves after its first minute.
 *
 *   Fastify hello        vs bare node:http hello
 *   sign-in              vs raw argon2 verifications/s at the same concurrency (target >= 0.8)
 *   home (GET /home)     vs bare Fastify + one primary-key query on users       (target >= 0.3)
 *
 * The servers run in child processes (bench/server.ts), the load generator here: one core each.
 * Database: PGlite in memory, or a throwaway database on the server of DATABASE_URL when set.
 */
import { type ChildProcess, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import type { AppReady, Argon2Result, Command, HelloReady } from "./server.ts";
import { percentiles } from "./stats.ts";

const args = process.argv.slice(2);
// `--only exam`: the exam spike alone (bench/exam-spike.ts, about 3 minutes); it also runs after the other scenarios unless `--skip exam`
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const skip = args.includes("--skip") ? args[args.indexOf("--skip") + 1] : undefined;
const examSpike = () =>
  new Promise<number>((ok) =>
    fork(
      new URL("./exam-spike.ts", import.meta.url),
      args.filter((a, i) => !["--only", "--skip"].includes(a) && !["--only", "--skip"].includes(args[i - 1] ?? "")),
      {
        execArgv: ["--import", "tsx"],
        stdio: "inherit",
      },
    ).once("exit", (code) => ok(code ?? 1)),
  );
if (only === "exam") process.exit(await examSpike());
// `--only digest`: the daily digest for 36,000 subscribers handed to a local SMTP sink (bench/digest.ts)
if (only === "digest")
  process.exit(
    await new Promise<number>((ok) =>
      fork(new URL("./digest.ts", import.meta.url), [], { execArgv: ["--import", "tsx"], stdio: "inherit" }).once("exit", (code) => ok(code ?? 1)),
    ),
  );
// `--only forums`: the forum scenarios alone (bench/forums.ts: a 1,000-reply thread paged, posting with 36,000 subscribers)
if (only === "forums")
  process.exit(
    await new Promise<number>((ok) =>
      fork(
        new URL("./forums.ts", import.meta.url),
        args.filter((a, i) => !["--only", "--skip"].includes(a) && !["--only", "--skip"].includes(args[i - 1] ?? "")),
        { execArgv: ["--import", "tsx"], stdio: "inherit" },
      ).once("exit", (code) => ok(code ?? 1)),
    ),
  );
const json = args.includes("--json");
const secondsArg = args.indexOf("--seconds");
const SECONDS = secondsArg >= 0 ? Number(args[secondsArg + 1]) : 6;
const WARMUP_SECONDS = 2;
const WARMUP_REQUESTS = 1500;
// a measured window opens once the load has flowed this long, and closes this long before it stops
const SETTLE_SECONDS = 0.5;
const TAIL_SECONDS = 0.25;
const CONNECTIONS = 16;

type Measure = {
  rps: number;
  p50: number;
  p95: number;
  cpuMsPerRequest?: number;
  /** share of the machine's CPU that other processes used meanwhile (noise) */
  othersCpu?: number;
  /** cores the server process kept busy (1 = its main thread saturated, if it runs only that) */
  serverCores?: number;
  requests: number;
  failures: number;
  statuses: Record<string, number>;
};
type Row = Measure & { id: string; scenario: string; ceiling?: string; ratio?: number; target?: number; met?: boolean };

const log = (m: string) => {
  if (!json) process.stderr.write(`${m}\n`);
};

/** Starts bench/server.ts in `mode` and waits for the message saying it listens. */
function start<T extends HelloReady | AppReady>(mode: T["kind"]): Promise<{ child: ChildProcess; ready: T }> {
  const child = fork(new URL("./server.ts", import.meta.url), [mode], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", 2, "inherit", "ipc"],
  });
  return new Promise((ok, fail) => {
    child.once("exit", (code) => fail(new Error(`bench server "${mode}" exited with code ${code} before it was ready`)));
    child.once("message", (ready: T) => ok({ child, ready }));
  });
}

function ask<T>(child: ChildProcess, cmd: Command): Promise<T> {
  return new Promise((ok) => {
    child.once("message", (m: T) => ok(m));
    child.send(cmd);
  });
}

async function stop(child: ChildProcess) {
  child.removeAllListeners("exit");
  const exited = new Promise((ok) => child.once("exit", ok));
  child.send({ cmd: "stop" } satisfies Command);
  await exited;
}

/** CPU time (ms, all threads) a process has used so far, from /proc; undefined elsewhere. */
function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in 10 ms ticks
  } catch {
    return undefined;
  }
}

/** CPU time (ms) the whole machine has been busy, from /proc/stat; undefined elsewhere. */
function machineBusyMs(): number | undefined {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8").split("\n")[0].split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq + steal) * 10;
  } catch {
    return undefined;
  }
}

/**
 * The CPU `pid` used in a window that opens SETTLE_SECONDS from now and lasts `seconds`, the cores
 * it kept busy, and the share of the machine's CPU other processes than it and this one used.
 */
function cpuWindow(pid: number, seconds: number): Promise<{ cpuMs?: number; others?: number; cores?: number }> {
  const take = () => ({ machine: machineBusyMs(), server: cpuMs(pid), me: process.cpuUsage(), t: performance.now() });
  return sleep(SETTLE_SECONDS * 1000).then(async () => {
    const a = take();
    await sleep(seconds * 1000);
    const b = take();
    if (a.machine === undefined || b.machine === undefined || a.server === undefined || b.server === undefined) return {};
    const elapsed = b.t - a.t;
    const mine = (b.me.user + b.me.system - a.me.user - a.me.system) / 1000;
    const others = b.machine - a.machine - (b.server - a.server) - mine;
    return { cpuMs: b.server - a.server, cores: (b.server - a.server) / elapsed, others: Math.max(0, others) / (elapsed * availableParallelism()) };
  });
}

type Load = Omit<Parameters<typeof autocannon>[0], "duration" | "connections">;

/** WARMUP_SECONDS and at least WARMUP_REQUESTS of load, unmeasured. */
async function warmUp(opts: Load, connections = CONNECTIONS) {
  const w = await autocannon({ ...opts, connections, duration: WARMUP_SECONDS });
  if (w.requests.total < WARMUP_REQUESTS) await autocannon({ ...opts, connections, amount: WARMUP_REQUESTS - w.requests.total });
}

/**
 * Loads a scenario: a warm-up (unless `warm` is false), then one run of which a window of
 * `seconds` counts. The window opens once the load has flowed for SETTLE_SECONDS and closes
 * TAIL_SECONDS before it stops, so every answer in it comes from a server under steady load: the
 * run's ramp up (connections opening, the previous run's requests still in the server) and its
 * end (requests cut off) are outside. Latencies are kept per answer for exact percentiles; CPU is
 * the server's, in the window.
 */
async function load(
  title: string,
  server: ChildProcess,
  opts: Load,
  { seconds = SECONDS, connections = CONNECTIONS, warm = true }: { seconds?: number; connections?: number; warm?: boolean } = {},
): Promise<Measure> {
  log(`  ${title}…`);
  if (warm) await warmUp(opts, connections);
  const latencies: number[] = [];
  let succeeded = 0;
  const run = autocannon({ ...opts, connections, duration: SETTLE_SECONDS + seconds + TAIL_SECONDS });
  const opens = performance.now() + SETTLE_SECONDS * 1000;
  const closes = opens + seconds * 1000;
  run.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    const now = performance.now();
    if (now < opens || now >= closes) return;
    latencies.push(ms);
    if (status >= 200 && status < 300) succeeded++;
  });
  const [r, { cpuMs: serverMs, others, cores }] = await Promise.all([run, cpuWindow(server.pid!, seconds)]);
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([s, v]) => [s, v.count]));
  return {
    rps: succeeded / seconds,
    ...percentiles(latencies),
    cpuMsPerRequest: serverMs === undefined ? undefined : serverMs / latencies.length,
    othersCpu: others,
    serverCores: cores,
    requests: latencies.length,
    failures: r.non2xx + r.errors,
    statuses,
  };
}

/** Rounds of one scenario as one measure: mean rates and percentiles, summed counts. */
function mean(rounds: Measure[]): Measure {
  const avg = (f: (m: Measure) => number | undefined) => {
    const v = rounds.map(f).filter((x): x is number => x !== undefined);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : undefined;
  };
  const statuses: Record<string, number> = {};
  for (const r of rounds) for (const [k, n] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + n;
  return {
    rps: avg((m) => m.rps)!,
    p50: avg((m) => m.p50)!,
    p95: avg((m) => m.p95)!,
    cpuMsPerRequest: avg((m) => m.cpuMsPerRequest),
    othersCpu: avg((m) => m.othersCpu),
    serverCores: avg((m) => m.serverCores),
    requests: rounds.reduce((n, r) => n + r.requests, 0),
    failures: rounds.reduce((n, r) => n + r.failures, 0),
    statuses,
  };
}

const cookieOf = (res: Response, name: string) => {
  const c = res.headers.getSetCookie().find((h) => h.startsWith(`${name}=`));
  if (!c) throw new Error(`no ${name} cookie in the answer to ${res.url}`);
  return c.split(";")[0];
};

const rows: Row[] = [];
const row = (id: string, scenario: string, m: Measure, ceiling?: Row, target?: number) => {
  const ratio = ceiling ? m.rps / ceiling.rps : undefined;
  const r: Row = { id, scenario, ...m, ceiling: ceiling?.id, ratio, target, met: target !== undefined && ratio !== undefined ? ratio >= target : undefined };
  rows.push(r);
  return r;
};

const loadBefore = loadavg()[0];
log(
  `Archipel bench: ${availableParallelism()} cores, Node ${process.versions.node}, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per scenario`,
);
if (loadBefore > 0.5) log(`  load average ${loadBefore.toFixed(2)} before the run: other processes use the CPU, the figures will be noisy`);

// `--only sign-in`: sign-in against raw argon2 alone, for working on it (about a minute)
const signInOnly = only === "sign-in";

// ceilings without a database
if (!signInOnly) {
  const hello = await start<HelloReady>("hello");
  const bare = row("bare-node", "bare node:http hello", await load("bare node:http", hello.child, { url: `http://127.0.0.1:${hello.ready.bare}/` }));
  row("fastify-hello", "Fastify hello", await load("Fastify hello", hello.child, { url: `http://127.0.0.1:${hello.ready.fastify}/` }), bare);
  await stop(hello.child);
}

// the database-backed ceiling, argon2 and the app itself, over one database
log("  preparing the database and the app…");
const { child, ready } = await start<AppReady>("app");
const base = `http://127.0.0.1:${ready.app}/p/${ready.slug}`;
const query = signInOnly
  ? undefined
  : row("fastify-query", `Fastify + 1 query (${ready.database})`, await load("Fastify + 1 query", child, { url: `http://127.0.0.1:${ready.query}/` }));

// sign-in against raw argon2, in alternating short rounds: the speed of a shared VM drifts within
// seconds, and alternating makes the drift weigh on the ceiling and on the scenario alike
const info = await fetch(`${base}/api/v1/platform`);
const csrf = ((await info.json()) as { csrfToken: string }).csrfToken;
const csrfCookie = cookieOf(info, "__Host-archipel-csrf");
let next = 0;
const signIn = {
  method: "POST",
  path: `/p/${ready.slug}/api/v1/auth/sign-in`,
  headers: { "content-type": "application/json", "x-csrf-token": csrf, cookie: csrfCookie },
};
// one anonymous visitor's CSRF pair (double-submit cookie) and the distinct accounts in turn
const signInLoad: Load = {
  url: `http://127.0.0.1:${ready.app}`,
  requests: [
    {
      ...signIn,
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ login: ready.users[next++ % ready.users.length], password: ready.password }) }),
    },
  ],
};
const ROUNDS = 8;
const ROUND_SECONDS = (2 * SECONDS) / ROUNDS;
const argonRounds: Measure[] = [];
const signInRounds: Measure[] = [];
log("  sign-in (warm-up)…");
await warmUp(signInLoad);
for (let round = 1; round <= ROUNDS; round++) {
  log(`  raw argon2 verifications (round ${round}/${ROUNDS})…`);
  const [a, { others, cores }] = await Promise.all([
    ask<Argon2Result>(child, { cmd: "argon2", concurrency: CONNECTIONS, seconds: ROUND_SECONDS, settleSeconds: SETTLE_SECONDS, tailSeconds: TAIL_SECONDS }),
    cpuWindow(child.pid!, ROUND_SECONDS),
  ]);
  argonRounds.push({
    rps: a.perSecond,
    p50: a.p50,
    p95: a.p95,
    cpuMsPerRequest: a.cpuMsPerVerify,
    othersCpu: others,
    serverCores: cores,
    requests: a.count,
    failures: 0,
    statuses: {},
  });
  const s = await load(`sign-in (round ${round}/${ROUNDS})`, child, signInLoad, { seconds: ROUND_SECONDS, warm: false });
  signInRounds.push(s);
  log(`    argon2 ${a.perSecond.toFixed(0)}/s, sign-in ${s.rps.toFixed(0)}/s: ${(s.rps / a.perSecond).toFixed(2)}`);
}
const argon2 = row("argon2", `raw argon2 verify (${CONNECTIONS} at a time, ${ROUNDS} rounds)`, mean(argonRounds));
row("sign-in", `sign-in (POST /auth/sign-in, ${ROUNDS} rounds)`, mean(signInRounds), argon2, 0.8);

// home: one signed-in learner per connection, once the planner knows the sessions sign-in made
if (query) {
  await ask(child, { cmd: "analyze" });
  const sessions: string[] = [];
  for (const login of ready.users.slice(0, CONNECTIONS)) {
    const res = await fetch(`http://127.0.0.1:${ready.app}${signIn.path}`, {
      method: "POST",
      headers: signIn.headers,
      body: JSON.stringify({ login, password: ready.password }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${login} answered ${res.status}: ${await res.text()}`);
    sessions.push(cookieOf(res, `__Host-archipel-${ready.slug}`));
  }
  let client = 0;
  row(
    "home",
    "home (GET /api/v1/home)",
    await load("home", child, { url: `${base}/api/v1/home`, setupClient: (c) => c.setHeaders({ cookie: sessions[client++ % sessions.length] }) }),
    query,
    0.3,
  );
  // issue 3: the course page of a large course, as one of its 1,000 learners; the catalogue over 5,000 courses
  row(
    "course-page",
    "course page (100 sections, 200 pages)",
    await load("course-page", child, {
      url: `${base}/api/v1/courses/${ready.courseId}`,
      setupClient: (c) => c.setHeaders({ cookie: sessions[client++ % sessions.length] }),
    }),
    query,
    0.25,
  );
  const terms = ["mathematiques", "histoire module", "biologie", "économie 42", "physique formation"];
  let term = 0;
  const catalogue: Load = {
    url: `http://127.0.0.1:${ready.app}`,
    requests: [
      { method: "GET", setupRequest: (req) => ({ ...req, path: `/p/${ready.slug}/api/v1/catalogue?q=${encodeURIComponent(terms[term++ % terms.length])}` }) },
    ],
    setupClient: (c) => c.setHeaders({ cookie: sessions[client++ % sessions.length] }),
  };
  row("catalogue", "catalogue search (5,000 courses)", await load("catalogue", child, catalogue));
  // the same searches one at a time: what one person waits for a search when the server is not saturated
  row("catalogue-1", "catalogue search, 1 connection", await load("catalogue (1 connection)", child, catalogue, { connections: 1 }));
}
await stop(child);

// report
const failed = rows.filter((r) => r.failures > 0);
if (json) {
  const out = {
    node: process.versions.node,
    cores: availableParallelism(),
    loadBefore,
    database: ready.database,
    connections: CONNECTIONS,
    seconds: SECONDS,
    scenarios: rows,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else {
  const f = (n: number | undefined, d = 1) => (n === undefined || Number.isNaN(n) ? "" : n.toFixed(d));
  const table = [
    ["scenario", "req/s", "p50 ms", "p95 ms", "CPU ms/req", "others", "ratio", "ceiling", "target", ""],
    ...rows.map((r) => [
      r.scenario,
      f(r.rps, 0),
      f(r.p50, 2),
      f(r.p95, 2),
      f(r.cpuMsPerRequest, 2),
      r.othersCpu === undefined ? "" : `${Math.round(r.othersCpu * 100)}%`,
      f(r.ratio, 2),
      r.ceiling ?? "",
      r.target === undefined ? "" : `>= ${r.target}`,
      r.met === undefined ? "" : r.met ? "ok" : "MISSED",
    ]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((l) => l[i].length)));
  const line = (l: string[]) =>
    l
      .map((c, i) => (i === 0 || i === 7 || i === 9 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  console.log(`\n${line(table[0])}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const l of table.slice(1)) console.log(line(l));
  const pgNote = ready.database === "postgres" ? " (PostgreSQL's processes count there)" : "";
  console.log(`\nCPU ms/req: the server process's CPU time (all threads) per request. others: the machine's CPU other processes used meanwhile${pgNote}.`);
  const unsaturated = rows.filter((r) => (r.serverCores ?? 1) < 0.8);
  if (unsaturated.length) {
    const busy = unsaturated.map((r) => `${r.id} ${Math.round((r.serverCores ?? 0) * 100)}%`).join(", ");
    console.log(`The server process kept less than 80% of a core busy in ${busy}: the limit was elsewhere (load generator, database server, other processes).`);
  }
  const noisy = rows.filter((r) => (r.othersCpu ?? 0) > 0.1);
  if (noisy.length) console.log(`Other processes used more than 10% of the CPU during ${noisy.map((r) => r.id).join(", ")}: those figures are low and noisy.`);
  for (const r of failed) console.log(`\n${r.scenario}: ${r.failures} failed requests (${JSON.stringify(r.statuses)}): the figures above are not valid.`);
}
const examCode = skip === "exam" || signInOnly ? 0 : await examSpike();
process.exit(failed.length || examCode ? 1 : 0);
