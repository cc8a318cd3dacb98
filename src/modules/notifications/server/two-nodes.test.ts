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
import { newId } from "../../../kernel/ids.ts";
import { runJobs, subscribeUsers } from "./index.ts";

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

  /** Signs `login` in on node B and opens their live connection there; returns what it receives. */
  async function connectOnB(slug: string, login: string) {
    const cookie = new Map<string, string>();
    const jar = () => [...cookie].map(([k, v]) => `${k}=${v}`).join("; ");
    const keep = (r: Response) => {
      for (const c of r.headers.getSetCookie()) cookie.set(c.split("=")[0]!, c.split(";")[0]!.split("=").slice(1).join("="));
    };
    keep(await fetch(`http://127.0.0.1:${port}/p/${slug}/api/v1/platform`));
    const csrf = cookie.get([...cookie.keys()].find((k) => k.includes("csrf"))!)!;
    const r = await fetch(`http://127.0.0.1:${port}/p/${slug}/api/v1/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrf, cookie: jar() },
      body: JSON.stringify({ login, password: "correct horse battery" }),
    });
    expect(r.status, await r.clone().text()).toBe(200);
    keep(r);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/p/${slug}/api/v1/notifications/live`, { headers: { cookie: jar() } });
    const received: { type: string; kind?: string; params?: Record<string, unknown> }[] = [];
    await new Promise<void>((done, fail) => {
      ws.on("message", (m) => {
        received.push(JSON.parse(String(m)));
        if (received.length === 1) done();
      });
      ws.on("error", fail);
    });
    expect(received[0]).toEqual({ type: "hello" });
    return { ws, received, jar };
  }
  const waitFor = async (cond: () => boolean) => {
    const until = Date.now() + 5000;
    while (!cond() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
  };

  it("a message sent on node A notifies its recipient connected to node B", async () => {
    const p = await makePlatform(a.k, "noeuds");
    const klass = await makeOrg(a.k, p.tenantId, rootOf(p), "CM1", "class");
    const teacher = await makeUser(a.k, p.tenantId, klass.id, "maitre", "teacher");
    await makeUser(a.k, p.tenantId, klass.id, "eleve", "learner");
    // the teacher signs in on node B (sessions live in the database: any node knows them)
    const { ws, received } = await connectOnB("noeuds", "maitre");
    // the pupil writes through node A
    const pupil = await signedIn(a.app, { host: p.host }, "eleve");
    const sent = await pupil.post("/api/v1/messages/conversations", { recipientIds: [teacher.id], body: "Bonjour, c'est Léo." });
    expect(sent.status).toBe(200);
    await waitFor(() => received.length >= 3);
    expect(
      received
        .slice(1)
        .map((m) => m.type)
        .sort(),
    ).toEqual(["message", "notification"]);
    expect(received.find((m) => m.type === "notification")).toMatchObject({ kind: "message.new", params: { sender: "eleve Test" } });
    ws.close();
  });

  it("a session ended on node A is refused at once on node B, which had it cached", async () => {
    const p = await makePlatform(a.k, "sessions-noeuds");
    await makeUser(a.k, p.tenantId, rootOf(p).id, "nomade");
    const onB = await connectOnB("sessions-noeuds", "nomade");
    const me = () => fetch(`http://127.0.0.1:${port}/p/sessions-noeuds/api/v1/me`, { headers: { cookie: onB.jar() } });
    expect((await me()).status).toBe(200);
    const onA = await signedIn(a.app, { host: p.host }, "nomade");
    expect((await onA.post("/api/v1/account/sessions/sign-out-others")).status).toBe(200);
    await expect.poll(async () => (await me()).status).toBe(401);
    onB.ws.close();
  });

  it("a forum post made on node A reaches the subscriber connected to node B, and only them", async () => {
    const p = await makePlatform(a.k, "forum-noeuds");
    const root = rootOf(p).id;
    const [prof, pupil, other] = await Promise.all([
      makeUser(a.k, p.tenantId, root, "prof-b", "teacher"),
      makeUser(a.k, p.tenantId, root, "eleve-a"),
      makeUser(a.k, p.tenantId, root, "voisine"),
    ]);
    const courseId = newId();
    await a.k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "Géographie", status: "published" }).execute();
    await a.k.db
      .insertInto("course_members")
      .values([prof, pupil, other].map((u, i) => ({ tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: u.id, role: i ? "learner" : "teacher" })))
      .execute();
    const profA = await signedIn(a.app, { host: p.host }, "prof-b");
    const forum = await profA.post(`/api/v1/courses/${courseId}/forums`, { kind: "standard", title: "Forum de géographie" });
    expect(forum.status, JSON.stringify(forum.body)).toBe(200);
    await subscribeUsers(a.k, p.tenantId, "forum", forum.body.id, [prof.id]);
    const subscribed = await connectOnB("forum-noeuds", "prof-b");
    const notSubscribed = await connectOnB("forum-noeuds", "voisine");
    const pupilA = await signedIn(a.app, { host: p.host }, "eleve-a");
    const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Où est le Rhône ?" }] }] };
    expect((await pupilA.post(`/api/v1/forums/${forum.body.id}/threads`, { title: "Les fleuves", body: doc })).status).toBe(200);
    // the post's feed row is written just after the request; node A's fan-out job then runs
    await expect.poll(async () => (await a.k.db.selectFrom("notification_feed").select("id").where("tenant_id", "=", p.tenantId).execute()).length).toBe(1);
    await runJobs(a.k);
    await waitFor(() => subscribed.received.length >= 2);
    expect(subscribed.received[1]).toMatchObject({ type: "notification", kind: "forum.post", params: { thread: "Les fleuves", forum: "Forum de géographie" } });
    await new Promise((r) => setTimeout(r, 300));
    expect(notSubscribed.received).toEqual([{ type: "hello" }]);
    subscribed.ws.close();
    notSubscribed.ws.close();
  });
});
