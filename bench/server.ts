/**
 * The servers `npm run bench` loads, in a child process of bench/run.ts so that the load generator
 * and the server under test each have a core of this machine.
 *
 *   server.ts hello   bare node:http and a bare Fastify, both answering {"hello":"world"}
 *   server.ts app     one database (PGlite, or a throwaway PostgreSQL database when DATABASE_URL is
 *                     set), migrated and filled with a platform and its users, served by
 *                     - a bare Fastify doing one primary-key query on users (the ceiling), and
 *                     - the whole Archipel app (buildApp + createKernel, logger off);
 *                     on request it also measures raw argon2 verifications (the sign-in ceiling).
 *
 * It reports its ports and fixtures with process.send() and stops on { cmd: "stop" }.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import Fastify, { type FastifyInstance } from "fastify";
import { sql } from "kysely";
import { hashPassword, verifyPassword } from "../src/kernel/auth/password.ts";
import { newId } from "../src/kernel/ids.ts";
import type { Kernel } from "../src/kernel/module.ts";
import { searchVector } from "../src/modules/courses/server/search.ts";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { createKernel } from "../src/server/kernel.ts";
import { makeOrg, makePlatform, makeUser, PASSWORD, rootOf } from "../test/factories.ts";
import { benchDatabase } from "./database.ts";
import { percentiles } from "./stats.ts";

export type HelloReady = { kind: "hello"; bare: number; fastify: number };
export type AppReady = {
  kind: "app";
  database: "pglite" | "postgres";
  query: number;
  app: number;
  slug: string;
  courseId: string;
  users: string[];
  password: string;
};
export type Argon2Result = { kind: "argon2"; perSecond: number; p50: number; p95: number; cpuMsPerVerify: number; count: number };
export type Command =
  | { cmd: "stop" }
  | { cmd: "analyze" }
  | { cmd: "argon2"; concurrency: number; seconds: number; settleSeconds: number; tailSeconds: number };

const HELLO = JSON.stringify({ hello: "world" });
const SIGN_IN_USERS = 400;

const send = (m: HelloReady | AppReady | Argon2Result | { kind: "analyzed" }) => process.send!(m);
/** refreshes the planner's statistics, as autovacuum does on a server that has run a while (PGlite has none) */
let analyze = async () => {};
const listen = (s: Server) => new Promise<number>((ok) => s.listen(0, "127.0.0.1", () => ok((s.address() as AddressInfo).port)));
const fastifyPort = async (f: FastifyInstance) => {
  await f.listen({ port: 0, host: "127.0.0.1" });
  return (f.server.address() as AddressInfo).port;
};

async function hello() {
  const bare = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(HELLO);
  });
  const fastify = Fastify({ logger: false });
  fastify.get("/", async () => ({ hello: "world" }));
  send({ kind: "hello", bare: await listen(bare), fastify: await fastifyPort(fastify) });
  return async () => {
    bare.close();
    await fastify.close();
  };
}

async function app() {
  const { database, modules, drop } = await benchDatabase("bench");
  const config = loadConfig({
    LOG_LEVEL: "silent",
    DATA_DIR: "/tmp/archipel-bench-data",
    RATE_LIMIT_PER_MINUTE: "1000000",
    SIGNIN_RATE_LIMIT_PER_MINUTE: "1000000",
    ...(process.env.REDIS_URL && { REDIS_URL: process.env.REDIS_URL }),
  });
  const k = createKernel(config, database, (m, e) => console.error(m, e));

  // a platform, a school under it, and learners of that school (distinct accounts for sign-in)
  const platform = await makePlatform(k, "bench");
  const school = await makeOrg(k, platform.tenantId, rootOf(platform), "École du banc", "school");
  const users: string[] = [];
  for (let i = 0; i < SIGN_IN_USERS; i++) users.push((await makeUser(k, platform.tenantId, school.id, `learner-${i}`)).username);
  const courseId = await courseFixtures(k, platform.tenantId, school.id);
  analyze = async () => {
    await sql`analyze`.execute(k.db);
  };
  await analyze();
  const probe = await k.db
    .selectFrom("users")
    .select("id")
    .where("tenant_id", "=", platform.tenantId)
    .where("username", "=", users[0])
    .executeTakeFirstOrThrow();

  // ceiling: Fastify and one primary-key query through the same Kysely/pg stack as the app
  const query = Fastify({ logger: false });
  query.get("/", async () =>
    k.db
      .selectFrom("users")
      .select(["id", "username", "given_name", "family_name", "profile"])
      .where("tenant_id", "=", platform.tenantId)
      .where("id", "=", probe.id)
      .executeTakeFirstOrThrow(),
  );

  const server = await buildApp(k, modules, { logger: false });
  send({
    kind: "app",
    database: database.kind,
    query: await fastifyPort(query),
    app: await fastifyPort(server),
    slug: platform.slug,
    courseId,
    users,
    password: PASSWORD,
  });
  return async () => {
    await query.close();
    await server.close();
    await k.events.flush();
    await k.bus.close();
    await drop();
  };
}

/**
 * argon2 verifications of a correct password with the app's parameters, `concurrency` at a time,
 * as sign-in does them, counted in a window as bench/run.ts counts answers: it opens after
 * `settleSeconds` of this load and closes `tailSeconds` before the load stops.
 */
async function argon2(concurrency: number, seconds: number, settleSeconds: number, tailSeconds: number): Promise<Argon2Result> {
  const stored = await hashPassword(PASSWORD);
  const opens = performance.now() + settleSeconds * 1000;
  const closes = opens + seconds * 1000;
  const stops = closes + tailSeconds * 1000;
  const latencies: number[] = [];
  const cpu = sleep(opens - performance.now()).then(async () => {
    const start = process.cpuUsage();
    await sleep(closes - performance.now());
    return process.cpuUsage(start);
  });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < stops) {
        const t = performance.now();
        if (!(await verifyPassword(stored, PASSWORD))) throw new Error("argon2 verification failed");
        const done = performance.now();
        if (done >= opens && done < closes) latencies.push(done - t);
      }
    }),
  );
  const { user, system } = await cpu;
  const cpuMsPerVerify = (user + system) / 1000 / latencies.length;
  return { kind: "argon2", perSecond: latencies.length / seconds, count: latencies.length, cpuMsPerVerify, ...percentiles(latencies) };
}

const mode = process.argv[2];
if (!process.send) throw new Error("bench/server.ts is started by bench/run.ts");
const stop = await (mode === "hello" ? hello() : mode === "app" ? app() : Promise.reject(new Error(`unknown mode ${mode}`)));
process.on("disconnect", () => process.exit(0)); // bench/run.ts has gone
process.on("message", async (m: Command) => {
  if (m.cmd === "argon2") send(await argon2(m.concurrency, m.seconds, m.settleSeconds, m.tailSeconds));
  if (m.cmd === "analyze") {
    await analyze();
    send({ kind: "analyzed" });
  }
  if (m.cmd === "stop") {
    await stop();
    process.disconnect?.();
    process.exit(0);
  }
});

/**
 * Issue 3's bench fixtures: one published course of 100 sections and 200 pages with 1,000
 * learners (the sign-in accounts among them), and 4,999 more published courses for the catalogue.
 */
async function courseFixtures(k: Kernel, tid: string, orgId: string) {
  const learners = await k.db.selectFrom("users").select("id").where("tenant_id", "=", tid).where("profile", "=", "learner").execute();
  const extra = Array.from({ length: Math.max(0, 1000 - learners.length) }, (_, i) => ({
    tenant_id: tid,
    id: newId(),
    username: `member-${i}`,
    email: null,
    given_name: "Membre",
    family_name: String(i),
    profile: "learner" as const,
    password_hash: null,
  }));
  for (let i = 0; i < extra.length; i += 500)
    await k.db
      .insertInto("users")
      .values(extra.slice(i, i + 500))
      .execute();
  const courseId = newId();
  const words = ["Mathématiques", "Histoire", "Biologie", "Physique", "Chimie", "Géographie", "Économie", "Philosophie", "Agronomie", "Informatique"];
  const course = (id: string, i: number) => ({
    tenant_id: tid,
    id,
    org_id: orgId,
    title: `${words[i % words.length]} ${i} : module ${Math.floor(i / words.length)}`,
    summary: `Cours de ${words[(i * 7) % words.length].toLowerCase()} pour la formation continue`,
    language: "fr",
    status: "published" as const,
    search: searchVector({ title: `${words[i % words.length]} ${i}`, summary: words[(i * 7) % words.length], tags: [], descriptionPlain: "", language: "fr" }),
  });
  await k.db.insertInto("courses").values(course(courseId, 0)).execute();
  for (let i = 1; i < 5000; i += 500) {
    await k.db
      .insertInto("courses")
      .values(Array.from({ length: Math.min(500, 5000 - i) }, (_, j) => course(newId(), i + j)))
      .execute();
  }
  const sections = Array.from({ length: 100 }, (_, i) => ({ tenant_id: tid, id: newId(), course_id: courseId, position: i, title: `Séquence ${i + 1}` }));
  await k.db.insertInto("course_sections").values(sections).execute();
  const html = `<p>${"Une page de cours avec du texte, ".repeat(20)}</p>`;
  const items = sections.flatMap((s, i) =>
    [0, 1].map((j) => ({
      tenant_id: tid,
      id: newId(),
      course_id: courseId,
      section_id: s.id,
      position: j,
      kind: "page" as const,
      title: `Page ${i + 1}.${j + 1}`,
      body_html: html,
    })),
  );
  await k.db.insertInto("course_items").values(items).execute();
  const members = [...learners.map((l) => l.id), ...extra.map((u) => u.id)].map((user_id) => ({
    tenant_id: tid,
    id: newId(),
    course_id: courseId,
    user_id,
    role: "learner" as const,
    source: "teacher" as const,
  }));
  for (let i = 0; i < members.length; i += 500)
    await k.db
      .insertInto("course_members")
      .values(members.slice(i, i + 500))
      .execute();
  return courseId;
}
