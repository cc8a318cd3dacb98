/**
 * The server side of the "exam spike" bench (bench/exam-spike.ts starts it as a child process, so
 * the load generator and the server each have a core): one database (PGlite in memory, or a
 * throwaway database on the server of DATABASE_URL), migrated and filled with a platform, a course,
 * LEARNERS learners with open sessions (no argon2 at start-up: the spike is about the quiz) and a
 * timed quiz with one question of each automatically scored type; then
 *   - a bare Fastify doing one primary-key query on users (the ceiling), and
 *   - the whole Archipel app.
 * On { cmd: "verify" } it checks that every acknowledged save is in the database.
 */
import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import { type Kysely, sql } from "kysely";
import { hashToken, newToken } from "../src/kernel/auth/tokens.ts";
import { newId } from "../src/kernel/ids.ts";
import { insertQuiz, insertSampleQuestions } from "../src/modules/quizzes/server/sample-questions.ts";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { createKernel } from "../src/server/kernel.ts";
import { makeOrg, makePlatform, rootOf } from "../test/factories.ts";
import { benchDatabase } from "./database.ts";

export type Learner = { cookie: string; csrf: string };
export type ExamReady = {
  kind: "exam";
  database: "pglite" | "postgres";
  app: number;
  query: number;
  slug: string;
  courseId: string;
  quizId: string;
  learners: Learner[];
};
/** the last acknowledged save of an attempt's slot: its seq and the text it carried */
export type Acked = { attemptId: string; slot: number; seq: number; text: string };
export type ExamCommand = { cmd: "stop" } | { cmd: "verify"; acked: Acked[] } | { cmd: "analyze" };
export type Verified = { kind: "verified"; checked: number; lost: string[]; answers: number; events: number };

const LEARNERS = Number(process.env.EXAM_LEARNERS ?? 500);

const { database, modules, drop } = await benchDatabase("exam");
const config = loadConfig({
  LOG_LEVEL: "silent",
  DATA_DIR: "/tmp/archipel-bench-data",
  RATE_LIMIT_PER_MINUTE: "1000000",
  SIGNIN_RATE_LIMIT_PER_MINUTE: "1000000",
  ...(process.env.REDIS_URL && { REDIS_URL: process.env.REDIS_URL }),
});
const k = createKernel(config, database, (m, e) => console.error(m, e));
const platform = await makePlatform(k, "exam");
const tid = platform.tenantId;
const school = await makeOrg(k, tid, rootOf(platform), "Lycée de l'examen", "school");
const courseId = newId();
const sectionId = newId();
await k.db.insertInto("courses").values({ tenant_id: tid, id: courseId, org_id: school.id, title: "Baccalauréat blanc", status: "published" }).execute();
await k.db.insertInto("course_sections").values({ tenant_id: tid, id: sectionId, course_id: courseId, position: 0, title: "Épreuves" }).execute();
const bank = await insertSampleQuestions(k.db, tid, courseId, {
  types: ["single", "multiple", "truefalse", "short", "numeric", "math", "matching", "ordering", "cloze"],
});
const quizId = await insertQuiz(k.db, tid, courseId, sectionId, "Épreuve commune", bank.questions, { time_limit_s: 3600, attempts_allowed: 1 });

// learners, their enrolment and an open session each (what sign-in would have made)
const learners: Learner[] = [];
for (let i = 0; i < LEARNERS; i += 250) {
  const batch = Array.from({ length: Math.min(250, LEARNERS - i) }, (_, j) => ({ id: newId(), n: i + j, token: newToken(), csrf: newToken() }));
  await k.db
    .insertInto("users")
    .values(
      batch.map((b) => ({
        tenant_id: tid,
        id: b.id,
        username: `candidat-${b.n}`,
        email: null,
        given_name: "Candidat",
        family_name: String(b.n),
        profile: "learner" as const,
        password_hash: null,
      })),
    )
    .execute();
  await k.db
    .insertInto("course_members")
    .values(batch.map((b) => ({ tenant_id: tid, id: newId(), course_id: courseId, user_id: b.id, role: "learner" as const, source: "teacher" as const })))
    .execute();
  await k.db
    .insertInto("sessions")
    .values(
      batch.map((b) => ({
        tenant_id: tid,
        id: newId(),
        user_id: b.id,
        token_hash: hashToken(b.token),
        csrf_token: b.csrf,
        user_agent: "exam-spike",
        ip: "127.0.0.1",
        last_seen_at: new Date(),
        expires_at: new Date(Date.now() + 86400_000),
      })),
    )
    .execute();
  for (const b of batch) learners.push({ cookie: `__Host-archipel-${platform.slug}=${b.token}`, csrf: b.csrf });
}
await sql`analyze`.execute(k.db);

// ceiling: Fastify and one primary-key query through the same Kysely/pg stack as the app
const probe = await k.db.selectFrom("users").select("id").where("tenant_id", "=", tid).where("username", "=", "candidat-0").executeTakeFirstOrThrow();
const query = Fastify({ logger: false });
query.get("/", async () =>
  k.db
    .selectFrom("users")
    .select(["id", "username", "given_name", "family_name", "profile"])
    .where("tenant_id", "=", tid)
    .where("id", "=", probe.id)
    .executeTakeFirstOrThrow(),
);
await query.listen({ port: 0, host: "127.0.0.1" });
const server = await buildApp(k, modules, { logger: false });
await server.listen({ port: 0, host: "127.0.0.1" });

const send = (m: ExamReady | Verified | { kind: "analyzed" }) => process.send!(m);
send({
  kind: "exam",
  database: database.kind,
  app: (server.server.address() as AddressInfo).port,
  query: (query.server.address() as AddressInfo).port,
  slug: platform.slug,
  courseId,
  quizId,
  learners,
});

/** Every acknowledged save must be stored: with a seq at least the acknowledged one, and that very text when equal. */
async function verify(acked: Acked[]): Promise<Verified> {
  await k.events.flush();
  const rows = await k.db.selectFrom("quiz_answers").select(["attempt_id", "slot", "seq", "response"]).where("tenant_id", "=", tid).execute();
  const stored = new Map(rows.map((r) => [`${r.attempt_id}:${r.slot}`, r]));
  const lost: string[] = [];
  for (const a of acked) {
    const r = stored.get(`${a.attemptId}:${a.slot}`);
    const text = r && JSON.stringify(r.response).includes(JSON.stringify(a.text).slice(1, -1));
    if (!r || r.seq < a.seq || (r.seq === a.seq && !text)) lost.push(`${a.attemptId}:${a.slot} seq ${a.seq} (stored ${r?.seq ?? "none"})`);
  }
  const events = await k.db
    .selectFrom("events")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("tenant_id", "=", tid)
    .where("verb", "in", ["answered", "started"])
    .executeTakeFirstOrThrow();
  return { kind: "verified", checked: acked.length, lost, answers: rows.length, events: events.n };
}

process.on("disconnect", () => process.exit(0));
process.on("message", async (m: ExamCommand) => {
  if (m.cmd === "verify") send(await verify(m.acked));
  if (m.cmd === "analyze") {
    await sql`analyze`.execute(k.db);
    send({ kind: "analyzed" });
  }
  if (m.cmd === "stop") {
    await query.close();
    await server.close();
    await k.events.flush();
    await k.bus.close();
    await drop();
    process.disconnect?.();
    process.exit(0);
  }
});
