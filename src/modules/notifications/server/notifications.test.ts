import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { type Client, countSteady, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { startSmtp } from "../../../../test/smtp.ts";
import { newId } from "../../../kernel/ids.ts";
import { notifyUsers, recordForumPost, runJobs, sendDigests, setSubscriptionTargetCheck, subscribeUsers } from "./index.ts";

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let p: Awaited<ReturnType<typeof makePlatform>>;
const forumId = newId();
const threadId = newId();
let author: { id: string };
let now: { id: string };
let daily: { id: string };
let quiet: { id: string };
let nowC: Client;
let dailyC: Client;

beforeAll(async () => {
  smtp = await startSmtp({ refuse: (to) => to.startsWith("gone") });
  t = await testApp({ SMTP_URL: smtp.url });
  p = await makePlatform(t.k, "notif");
  const root = rootOf(p);
  author = await makeUser(t.k, p.tenantId, root.id, "auteur");
  now = await makeUser(t.k, p.tenantId, root.id, "immediat");
  daily = await makeUser(t.k, p.tenantId, root.id, "quotidien");
  quiet = await makeUser(t.k, p.tenantId, root.id, "silence");
  // a real course forum: the fan-out notifies only people who may read the post
  const courseId = newId();
  await t.k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "Cours", status: "published" }).execute();
  await t.k.db
    .insertInto("course_members")
    .values([author, now, daily, quiet].map((u) => ({ tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: u.id, role: "learner" })))
    .execute();
  await t.k.db.insertInto("forums").values({ tenant_id: p.tenantId, id: forumId, course_id: courseId, kind: "standard", title: "Forum du cours" }).execute();
  await t.k.db.insertInto("forum_threads").values({ tenant_id: p.tenantId, id: threadId, forum_id: forumId, author_id: author.id, title: "Fil" }).execute();
  await subscribeUsers(t.k, p.tenantId, "forum", forumId, [author.id, now.id, daily.id, quiet.id]);
  nowC = await signedIn(t.app, { host: p.host }, "immediat");
  dailyC = await signedIn(t.app, { host: p.host }, "quotidien");
  const quietC = await signedIn(t.app, { host: p.host }, "silence");
  expect((await dailyC.put("/api/v1/notifications/preferences", { delivery: "daily", byEmail: true })).body).toMatchObject({
    delivery: "daily",
    byEmail: true,
    inApp: true,
  });
  expect((await quietC.put("/api/v1/notifications/preferences", { delivery: "none" })).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const post = async (title: string, at = new Date()) => {
  const postId = newId();
  await t.k.db
    .insertInto("forum_posts")
    .values({
      tenant_id: p.tenantId,
      id: postId,
      thread_id: threadId,
      forum_id: forumId,
      author_id: author.id,
      body_doc: JSON.stringify({ type: "doc", content: [] }),
      body_html: "",
      body_plain: title,
      search: sql`to_tsvector('simple', ${title})`,
    })
    .execute();
  await recordForumPost(t.k, p.tenantId, {
    forumId,
    threadId,
    postId,
    authorId: author.id,
    authorName: "Ada Auteur",
    forumTitle: "Forum du cours",
    threadTitle: title,
    excerpt: `Texte de ${title}`,
    path: `/forums/${forumId}/threads/${threadId}`,
    createdAt: at,
  });
};

describe("notifications", () => {
  it("shows a post to immediate subscribers only, never to its author, without a row per subscriber", async () => {
    await post("Question sur les fractions");
    // the centre reads the feed: the post is there before any job ran, and nothing was written per person
    const list = await nowC.get("/api/v1/notifications");
    expect(list.body.unread).toBe(1);
    expect(list.body.items[0]).toMatchObject({ kind: "forum.post", read: false, params: { thread: "Question sur les fractions" } });
    expect((await dailyC.get("/api/v1/notifications/unread")).body.unread).toBe(0);
    const author = await signedIn(t.app, { host: p.host }, "auteur");
    expect((await author.get("/api/v1/notifications/unread")).body.unread).toBe(0);
    await runJobs(t.k);
    expect(await t.k.db.selectFrom("notifications").select("user_id").where("tenant_id", "=", p.tenantId).execute()).toEqual([]);
  });

  it("marks one or all read; another person's notification is 404", async () => {
    const list = await nowC.get("/api/v1/notifications");
    const id = list.body.items[0].id;
    expect((await dailyC.post(`/api/v1/notifications/${id}/read`)).status).toBe(404);
    expect((await nowC.post(`/api/v1/notifications/${id}/read`)).body.unread).toBe(0);
    await post("Deuxième");
    await post("Troisième");
    await runJobs(t.k);
    expect((await nowC.get("/api/v1/notifications/unread")).body.unread).toBe(2);
    expect((await nowC.post("/api/v1/notifications/read-all")).body.unread).toBe(0);
  });

  it("sends the daily digest over SMTP with one-click unsubscribe, once per day", async () => {
    const old = new Date(Date.now() - 3 * 86400_000);
    await post("Un vieux message", old);
    await runJobs(t.k);
    const before = smtp.received;
    expect(await sendDigests(t.k, "daily")).toBe(1);
    await smtp.waitFor(before + 1);
    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toBe("quotidien@example.test");
    expect(mail.subject).toContain("3 messages");
    expect(mail.text).toContain("Question sur les fractions");
    expect(mail.text).toContain("Troisième");
    expect(mail.text).not.toContain("Un vieux message");
    const header = (name: string) => mail.raw.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]*:\s*/, "") ?? "";
    const lu = header("list-unsubscribe");
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    // a second run the same day sends nothing
    expect(await sendDigests(t.k, "daily")).toBe(0);
    // RFC 8058: a POST without cookies nor CSRF token
    const url = new URL(lu.replace(/^<|>$/g, ""));
    const path = url.pathname.replace(/^\/p\/[^/]+/, "");
    const forged = await t.app.inject({
      method: "POST",
      url: `${path.slice(0, -3)}abc`,
      headers: { host: p.host, "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(forged.statusCode).toBe(404);
    expect(JSON.parse(forged.body).error.code).toBe("notifications.bad_unsubscribe_link");
    const r = await t.app.inject({
      method: "POST",
      url: path,
      headers: { host: p.host, "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((await dailyC.get("/api/v1/notifications/preferences")).body.byEmail).toBe(false);
    // the same token does not work on another platform
    const other = await makePlatform(t.k, "autre");
    const cross = await t.app.inject({
      method: "POST",
      url: path,
      headers: { host: other.host, "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(cross.statusCode).toBe(404);
  });

  it("subscribing needs the owner module's visibility check", async () => {
    expect((await nowC.put(`/api/v1/subscriptions/thread/${newId()}`)).status).toBe(404);
    setSubscriptionTargetCheck("thread", async (_k, _a, id) => id === threadId);
    expect((await nowC.put(`/api/v1/subscriptions/thread/${threadId}`)).body).toEqual({ subscribed: true });
    expect((await nowC.get(`/api/v1/subscriptions/thread/${threadId}`)).body).toEqual({ subscribed: true });
    expect((await nowC.del(`/api/v1/subscriptions/thread/${threadId}`)).body).toEqual({ subscribed: false });
    expect((await nowC.put("/api/v1/notifications/preferences", { delivery: "hourly" })).status).toBe(422);
  });

  it("pushes notifications live over a WebSocket authenticated by the session cookie", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const port = (t.app.server.address() as { port: number }).port;
    const cookie = [...nowC.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const anon = new WebSocket(`ws://127.0.0.1:${port}/api/v1/notifications/live`, { headers: { host: p.host } });
    const closed = await new Promise<number>((r) => anon.on("close", (code) => r(code)));
    expect(closed).toBe(4401);
    const evil = new WebSocket(`ws://127.0.0.1:${port}/api/v1/notifications/live`, { headers: { host: p.host, cookie, origin: "https://evil.test" } });
    expect(await new Promise<number>((r) => evil.on("close", (code) => r(code)))).toBe(4403);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/notifications/live`, { headers: { host: p.host, cookie, origin: `http://${p.host}` } });
    const got: unknown[] = [];
    await new Promise<void>((r) =>
      ws.on("message", (m) => {
        got.push(JSON.parse(String(m)));
        r();
      }),
    );
    expect(got[0]).toEqual({ type: "hello" });
    const next = new Promise<unknown>((r) => ws.once("message", (m) => r(JSON.parse(String(m)))));
    await post("En direct");
    await runJobs(t.k);
    expect(await next).toMatchObject({ type: "notification", kind: "forum.post", params: { thread: "En direct" } });
    ws.close();
  });

  it("merges written notifications and followed posts by time, pages them, and starts unread again after \"all read\"", async () => {
    expect((await nowC.post("/api/v1/notifications/read-all")).body.unread).toBe(0);
    expect((await nowC.get("/api/v1/notifications")).body.items.every((n: { read: boolean }) => n.read)).toBe(true);
    // after "all read", a new post is unread again, and a written notification merges in by time
    await post("Quatrième");
    await notifyUsers(t.k, p.tenantId, [now.id], { kind: "welcome", params: { course: "Cours" }, url: "/" });
    await post("Cinquième");
    const all = await nowC.get("/api/v1/notifications?limit=2");
    expect(all.body.unread).toBe(3);
    expect(all.body.items.map((n: { kind: string; params: { thread?: string } }) => n.params.thread ?? n.kind)).toEqual(["Cinquième", "welcome"]);
    const next = await nowC.get(`/api/v1/notifications?limit=2&before=${all.body.nextBefore}`);
    expect(next.body.items.map((n: { read: boolean; params: { thread: string } }) => [n.params.thread, n.read])[0]).toEqual(["Quatrième", false]);
    expect(next.body.items[1].read).toBe(true);
    expect((await nowC.get("/api/v1/notifications?unread=true")).body.items).toHaveLength(3);
  });

  it("reads the centre in the same number of statements for 5 and for 60 followed posts", async () => {
    const few = await countSteady(() => nowC.get("/api/v1/notifications"));
    for (let i = 0; i < 55; i++) await post(`Lot ${i}`);
    const many = await countSteady(() => nowC.get("/api/v1/notifications"));
    expect(many.count).toBe(few.count);
    expect(many.result.body.items).toHaveLength(20);
    expect(many.result.body.unread).toBe(58);
  });
});
