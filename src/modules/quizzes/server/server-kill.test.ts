import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeOrg, makePlatform, makeUser, PASSWORD, rootOf } from "../../../../test/factories.ts";
import { HttpClient, waitForServer } from "../../../../test/http-client.ts";
import { createDatabase } from "../../../kernel/db/database.ts";
import { newId } from "../../../kernel/ids.ts";
import { loadConfig } from "../../../server/config.ts";
import { createKernel } from "../../../server/kernel.ts";
import { insertQuiz, insertSampleQuestions } from "./sample-questions.ts";

/**
 * The promise of the autosave: an answer the server acknowledged is in the database, whatever
 * happens to the server afterwards. The real server runs as a child process on a fresh PostgreSQL
 * database; learners save answers while it is killed with SIGKILL (no clean shutdown, saves in
 * flight) and restarted, twice; then every acknowledged answer must be there, with a sequence
 * number at least the acknowledged one (and the very response when it is that one).
 */
const url = process.env.DATABASE_URL;
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });

async function admin(q: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(q);
  await c.end();
}

if (!url) console.warn("server-kill.test.ts: skipped — it needs a real PostgreSQL (DATABASE_URL); it runs in the PostgreSQL pass of CI.");

describe.skipIf(!url)("autosave survives a killed server (real PostgreSQL, DATABASE_URL)", () => {
  const name = `archipel_kill_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let dbUrl: string;
  let port: number;
  let child: ChildProcess | undefined;
  let slug: string;
  let quizPath: string;
  const learners: string[] = [];

  function startServer() {
    child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: dbUrl,
        REDIS_URL: "",
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "error",
        DATA_DIR: `/tmp/${name}`,
        RATE_LIMIT_PER_MINUTE: "1000000",
        SIGNIN_RATE_LIMIT_PER_MINUTE: "1000000",
        VITEST: "",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    return waitForServer(`http://127.0.0.1:${port}/api/v1/platform`);
  }
  function kill() {
    const c = child!;
    return new Promise<void>((ok) => {
      c.once("exit", () => ok());
      c.kill("SIGKILL");
    });
  }

  beforeAll(async () => {
    await admin(`create database ${name} template ${inject("pgTemplate")}`);
    const u = new URL(url!);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    // fixtures written straight into the database: a platform, a course, learners, a quiz of every type
    const database = await createDatabase({ url: dbUrl });
    await database.refreshTenantTables();
    const k = createKernel(loadConfig({ LOG_LEVEL: "silent", DATA_DIR: `/tmp/${name}` }), database, () => {});
    const p = await makePlatform(k, "kill");
    slug = p.slug;
    const school = await makeOrg(k, p.tenantId, rootOf(p), "Lycée", "school");
    const courseId = newId();
    const sectionId = newId();
    await k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: school.id, title: "Examen", status: "published" }).execute();
    await k.db.insertInto("course_sections").values({ tenant_id: p.tenantId, id: sectionId, course_id: courseId, position: 0, title: "Examen" }).execute();
    for (let i = 0; i < 4; i++) {
      const l = await makeUser(k, p.tenantId, school.id, `candidat${i}`);
      learners.push(l.username);
      await k.db.insertInto("course_members").values({ tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: l.id, role: "learner" }).execute();
    }
    const bank = await insertSampleQuestions(k.db, p.tenantId, courseId);
    const quizId = await insertQuiz(k.db, p.tenantId, courseId, sectionId, "Examen final", bank.questions, { time_limit_s: 3600 });
    quizPath = `/api/v1/courses/${courseId}/quizzes/${quizId}`;
    await k.events.flush();
    await k.bus.close();
    await database.close();
    port = await freePort();
    await startServer();
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) await kill();
    await admin(`drop database if exists ${name} with (force)`);
  });

  it("keeps every acknowledged answer across two SIGKILLs", async () => {
    const base = `http://127.0.0.1:${port}/p/${slug}`;
    const clients = await Promise.all(
      learners.map(async (login) => {
        const c = new HttpClient(base);
        await c.signIn(login, PASSWORD);
        const a = await c.post(`${quizPath}/attempts`);
        expect(a.status, JSON.stringify(a.body)).toBe(200);
        return { c, attempt: a.body as { id: string; questions: { slot: number; question: { type: string } }[] }, seq: new Map<number, number>() };
      }),
    );
    /** the last acknowledged save per attempt and slot */
    const acked = new Map<string, { seq: number; text: string }>();
    let refused = 0;
    const saveRound = (round: number) =>
      Promise.all(
        clients.flatMap(({ c, attempt, seq }) =>
          attempt.questions
            .filter((q) => q.question.type === "short" || q.question.type === "numeric" || q.question.type === "math")
            .map(async (q) => {
              const s = (seq.get(q.slot) ?? 0) + 1;
              seq.set(q.slot, s);
              const text = `${round}-${s}`;
              const response = q.question.type === "math" ? { type: "math", latex: text } : { type: q.question.type, text };
              try {
                const r = await c.put(`/api/v1/quiz-attempts/${attempt.id}/answers/${q.slot}`, { seq: s, response });
                if (r.status === 200 && r.body.seq >= s) {
                  const key = `${attempt.id}:${q.slot}`;
                  if ((acked.get(key)?.seq ?? 0) < s) acked.set(key, { seq: s, text });
                } else refused++;
              } catch {
                // the server died under this save: not acknowledged, the client would send it again
              }
            }),
        ),
      );
    for (let life = 0; life < 3; life++) {
      for (let round = 0; round < 5; round++) await saveRound(life * 100 + round);
      if (life === 2) break;
      // saves in flight when the process is killed
      const inFlight = saveRound(life * 100 + 50);
      await new Promise((ok) => setTimeout(ok, 5));
      await kill();
      await inFlight;
      await startServer();
    }
    expect(refused).toBe(0);
    expect(acked.size).toBeGreaterThan(0);
    // read back through the restarted server, as each learner
    let checked = 0;
    for (const { c, attempt } of clients) {
      const r = await c.get(`/api/v1/quiz-attempts/${attempt.id}`);
      expect(r.status).toBe(200);
      for (const q of r.body.questions as { slot: number; answer: { seq: number; response: { text?: string; latex?: string } } | null }[]) {
        const want = acked.get(`${attempt.id}:${q.slot}`);
        if (!want) continue;
        expect(q.answer, `answer of slot ${q.slot}`).not.toBeNull();
        expect(q.answer!.seq).toBeGreaterThanOrEqual(want.seq);
        if (q.answer!.seq === want.seq) expect(q.answer!.response.text ?? q.answer!.response.latex).toBe(want.text);
        checked++;
      }
    }
    expect(checked).toBe(acked.size);
  }, 180_000);
});
