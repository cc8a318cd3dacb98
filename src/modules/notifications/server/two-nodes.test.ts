import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { createDatabase, type Database } from "../../../kernel/db/database.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { buildApp } from "../../../server/app.ts";
import { loadConfig } from "../../../server/config.ts";
import { createKernel } from "../../../server/kernel.ts";
import { allModules } from "../../../server/modules.ts";

/**
 * Two app nodes sharing PostgreSQL and Redis: what happens on node A reaches a browser connected
 * to node B through Redis pub/sub. Needs REDIS_URL (the PostgreSQL + Redis pass of CI).
 */
const REDIS = process.env.REDIS_URL;
if (!REDIS) console.info("two-nodes.test.ts skipped: set REDIS_URL (and DATABASE_URL) to run the cross-node notification test");

describe.skipIf(!REDIS)("two app nodes", () => {
  let a: TestApp;
  let bApp: Awaited<ReturnType<typeof buildApp>>;
  let bKernel: Kernel;
  let bDb: Database | null = null;
  let port = 0;

  beforeAll(async () => {
    a = await testApp();
    // node B: its own kernel, bus (its own Redis connections), app and, on PostgreSQL, its own pool
    let database: Database = a.k.database;
    if (process.env.DATABASE_URL) {
      const name = (await sql<{ n: string }>`select current_database() as n`.execute(a.k.db)).rows[0]!.n;
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      bDb = database = await createDatabase({ url: url.toString() });
      await database.refreshTenantTables();
    }
    bKernel = createKernel(loadConfig({ LOG_LEVEL: "silent", DATA_DIR: "/tmp/archipel-test-data", REDIS_URL: REDIS }), database, () => {});
    bApp = await buildApp(bKernel, allModules().modules, { logger: false });
    await bApp.listen({ port: 0, host: "127.0.0.1" });
    port = (bApp.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await bApp?.close();
    await bKernel?.bus.close();
    await bDb?.close();
    await a?.close();
  });

  it("a message sent on node A notifies its recipient connected to node B", async () => {
    const p = await makePlatform(a.k, "noeuds");
    const klass = await makeOrg(a.k, p.tenantId, rootOf(p), "CM1", "class");
    const teacher = await makeUser(a.k, p.tenantId, klass.id, "maitre", "teacher");
    await makeUser(a.k, p.tenantId, klass.id, "eleve", "learner");
    // the teacher signs in on node B (sessions live in the database: any node knows them)
    const cookie = new Map<string, string>();
    const signIn = async () => {
      const g = await fetch(`http://127.0.0.1:${port}/p/noeuds/api/v1/platform`);
      for (const c of g.headers.getSetCookie()) cookie.set(c.split("=")[0]!, c.split(";")[0]!.split("=").slice(1).join("="));
      const csrf = cookie.get([...cookie.keys()].find((k) => k.includes("csrf"))!)!;
      const r = await fetch(`http://127.0.0.1:${port}/p/noeuds/api/v1/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": csrf, cookie: [...cookie].map(([k, v]) => `${k}=${v}`).join("; ") },
        body: JSON.stringify({ login: "maitre", password: "correct horse battery" }),
      });
      expect(r.status, await r.clone().text()).toBe(200);
      for (const c of r.headers.getSetCookie()) cookie.set(c.split("=")[0]!, c.split(";")[0]!.split("=").slice(1).join("="));
    };
    await signIn();
    const ws = new WebSocket(`ws://127.0.0.1:${port}/p/noeuds/api/v1/notifications/live`, {
      headers: { cookie: [...cookie].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    const received: { type: string; kind?: string; params?: Record<string, unknown> }[] = [];
    await new Promise<void>((r, j) => {
      ws.on("message", (m) => {
        received.push(JSON.parse(String(m)));
        if (received.length === 1) r();
      });
      ws.on("error", j);
    });
    expect(received[0]).toEqual({ type: "hello" });
    // the pupil writes through node A
    const pupil = await signedIn(a.app, { host: p.host }, "eleve");
    const sent = await pupil.post("/api/v1/messages/conversations", { recipientIds: [teacher.id], body: "Bonjour, c'est Léo." });
    expect(sent.status).toBe(200);
    const until = Date.now() + 5000;
    while (received.length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    expect(
      received
        .slice(1)
        .map((m) => m.type)
        .sort(),
    ).toEqual(["message", "notification"]);
    expect(received.find((m) => m.type === "notification")).toMatchObject({ kind: "message.new", params: { sender: "eleve Test" } });
    ws.close();
  });
});
