/**
 * `npm run bench -- --only forums` (or `node --import tsx bench/forums.ts [--json] [--rounds N] [--posts N]`):
 * the forum scenarios of issue 5, against the real app over HTTP on loopback (PGlite in memory, or
 * a throwaway database on the DATABASE_URL server):
 *
 *   thread paging  a thread of 1,000 replies read page by page (50 posts, keyset cursor) by a
 *                  learner, several times over: p50/p95 per page              (target p95 < 50 ms)
 *   posting        replies in a course forum with 36,000 subscribers (rows in the notifications
 *                  module's `subscriptions` table, every subscriber enrolled): p50/p95 per post
 *                  (target p95 < 100 ms). The notification centre reads posts from the feed, so
 *                  a post writes one feed row and one job (live push, opted-in emails), whatever
 *                  the number of subscribers; the job runs after the response.
 *
 * Requests are sequential (one person's latency, not throughput). Fixtures are bulk-inserted in SQL.
 */
import type { AddressInfo } from "node:net";
import { availableParallelism, loadavg } from "node:os";
import { sql } from "kysely";
import { newId } from "../src/kernel/ids.ts";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { createKernel } from "../src/server/kernel.ts";
import { makePlatform, makeUser, PASSWORD } from "../test/factories.ts";
import { benchDatabase } from "./database.ts";
import { percentiles } from "./stats.ts";

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const json = args.includes("--json");
const ROUNDS = arg("--rounds", 10);
const POSTS = arg("--posts", 200);
const SUBSCRIBERS = arg("--subscribers", 36_000);
const REPLIES = 1000;
const log = (m: string) => {
  if (!json) process.stderr.write(`${m}\n`);
};

const loadBefore = loadavg()[0];
log(`Forums: ${availableParallelism()} cores, Node ${process.versions.node}; preparing the database…`);
const { database, modules, drop } = await benchDatabase("bench_forums");
const config = loadConfig({
  LOG_LEVEL: "silent",
  DATA_DIR: "/tmp/archipel-bench-data",
  RATE_LIMIT_PER_MINUTE: "1000000",
  SIGNIN_RATE_LIMIT_PER_MINUTE: "1000000",
});
const k = createKernel(config, database, (m, e) => console.error(m, e));
const db = k.db;
const platform = await makePlatform(k, "forums");
const tid = platform.tenantId;
const teacher = await makeUser(k, tid, platform.rootOrgId, "mooc-teacher", "teacher");
const reader = await makeUser(k, tid, platform.rootOrgId, "mooc-reader");
const poster = await makeUser(k, tid, platform.rootOrgId, "mooc-poster");
const courseId = newId();
await db.insertInto("courses").values({ tenant_id: tid, id: courseId, org_id: platform.rootOrgId, title: "MOOC Analyse", status: "published" }).execute();
await db
  .insertInto("course_members")
  .values([
    { tenant_id: tid, id: newId(), course_id: courseId, user_id: teacher.id, role: "teacher" },
    { tenant_id: tid, id: newId(), course_id: courseId, user_id: reader.id, role: "learner" },
    { tenant_id: tid, id: newId(), course_id: courseId, user_id: poster.id, role: "learner" },
  ])
  .execute();
// the poster has taken part for weeks: no new-member hourly limit
await db
  .insertInto("forum_people")
  .values({ tenant_id: tid, user_id: poster.id, days_visited: 40, posts_read: 2000, posts_made: 60, silenced_until: null, suspended_until: null })
  .execute();

// 36,000 enrolled learners, all subscribed to the forum
log(`  ${SUBSCRIBERS.toLocaleString("en")} learners enrolled and subscribed…`);
const t0 = Date.now();
await sql`insert into users (tenant_id, id, username, email, given_name, family_name, profile)
  select ${tid}::uuid, gen_random_uuid(), 'mooc-' || i, 'mooc-' || i || '@example.test', 'Learner', 'N' || i, 'learner'
  from generate_series(1, ${SUBSCRIBERS}::int) i`.execute(db);
await sql`insert into course_members (tenant_id, id, course_id, user_id, role)
  select u.tenant_id, gen_random_uuid(), ${courseId}::uuid, u.id, 'learner' from users u where u.tenant_id = ${tid}::uuid and u.username like 'mooc-%' and u.username ~ '^mooc-[0-9]+$'`.execute(
  db,
);

const forumId = newId();
await db.insertInto("forums").values({ tenant_id: tid, id: forumId, course_id: courseId, org_id: null, kind: "standard", title: "Entraide" }).execute();
await sql`insert into subscriptions (tenant_id, target_type, target_id, user_id)
    select u.tenant_id, 'forum', ${forumId}::uuid, u.id from users u where u.tenant_id = ${tid}::uuid and u.username ~ '^mooc-[0-9]+$'`.execute(db);
log(`  fixtures in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const server = await buildApp(k, modules, { logger: false });
await server.listen({ port: 0, host: "127.0.0.1" });
const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/p/${platform.slug}`;

type Session = { cookie: string; csrf: string };
const cookiesOf = (r: Response, jar: Map<string, string>) => {
  for (const c of r.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
};
async function signIn(login: string): Promise<Session> {
  // as a browser does: the platform call hands out the CSRF token the sign-in must carry
  const jar = new Map<string, string>();
  const p = await fetch(`${base}/api/v1/platform`);
  const { csrfToken } = (await p.json()) as { csrfToken: string };
  const r = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: cookiesOf(p, jar), "x-csrf-token": csrfToken },
    body: JSON.stringify({ login, password: PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`sign-in ${login}: ${r.status} ${await r.text()}`);
  const body = (await r.json()) as { csrfToken: string };
  return { cookie: cookiesOf(r, jar), csrf: body.csrfToken };
}
async function call(s: Session, method: string, path: string, body?: unknown) {
  const started = performance.now();
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { cookie: s.cookie, accept: "application/json", ...(body !== undefined && { "content-type": "application/json", "x-csrf-token": s.csrf }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await r.text();
  const ms = performance.now() - started;
  if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
  return { ms, body: JSON.parse(text) };
}
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

// ---- a thread of 1,000 replies, paged ----
const teacherS = await signIn("mooc-teacher");
const readerS = await signIn("mooc-reader");
const posterS = await signIn("mooc-poster");
const opened = await call(teacherS, "POST", `/api/v1/forums/${forumId}/threads`, {
  title: "Questions sur le chapitre 1",
  body: doc("Posez vos questions ici."),
});
const threadId = opened.body.threadId as string;
const authors = (await sql<{ id: string }>`select id from users where tenant_id = ${tid}::uuid and username ~ '^mooc-[0-9]+$' limit 200`.execute(db)).rows.map(
  (r) => r.id,
);
const rows = Array.from({ length: REPLIES }, (_, i) => ({
  tenant_id: tid,
  id: newId(),
  thread_id: threadId,
  forum_id: forumId,
  author_id: authors[i % authors.length]!,
  quote_post_id: null,
  body_doc: JSON.stringify(doc(`Réponse ${i} : la dérivée de x² est 2x, et celle de x³ est 3x².`)),
  body_html: `<p>Réponse ${i} : la dérivée de x² est 2x, et celle de x³ est 3x².</p>`,
  body_plain: `Réponse ${i} : la dérivée de x² est 2x, et celle de x³ est 3x².`,
  search: sql`to_tsvector('simple', ${`reponse ${i} derivee`})`,
  edited_at: null,
}));
for (let i = 0; i < rows.length; i += 250)
  await db
    .insertInto("forum_posts")
    .values(rows.slice(i, i + 250))
    .execute();
await sql`update forum_threads set reply_count = ${REPLIES}, last_post_id = (select p.id from forum_posts p where p.tenant_id = ${tid}::uuid and p.thread_id = ${threadId}::uuid order by p.id desc limit 1) where tenant_id = ${tid}::uuid and id = ${threadId}::uuid`.execute(
  db,
);
await sql`analyze`.execute(db);

log(`  thread of ${REPLIES} replies: ${ROUNDS} full walks page by page…`);
const pageLat: number[] = [];
let pages = 0;
for (let round = 0; round < ROUNDS + 1; round++) {
  let after: string | null = null;
  do {
    const r: { ms: number; body: { nextCursor: string | null; posts: unknown[] } } = await call(
      readerS,
      "GET",
      `/api/v1/threads/${threadId}${after ? `?after=${after}` : ""}`,
    );
    if (round > 0) pageLat.push(r.ms); // the first walk warms up (and marks everything read)
    after = r.body.nextCursor;
    if (round === 0) pages++;
  } while (after);
}
const paging = percentiles(pageLat);

// ---- posting in a forum with 36,000 subscribers ----
log(`  ${POSTS} replies in a forum with ${SUBSCRIBERS.toLocaleString("en")} subscribers…`);
for (let i = 0; i < 10; i++) await call(posterS, "POST", `/api/v1/threads/${threadId}/posts`, { body: doc(`Échauffement ${i}`) });
const postLat: number[] = [];
for (let i = 0; i < POSTS; i++) {
  const r = await call(posterS, "POST", `/api/v1/threads/${threadId}/posts`, { body: doc(`Merci ! Et pour la dérivée de sin(x) ? (${i})`) });
  postLat.push(r.ms);
}
const posting = percentiles(postLat);

const result = {
  scenario: "forums",
  database: database.kind,
  thread: { replies: REPLIES, pageSize: 50, pages, requests: pageLat.length, p50: paging.p50, p95: paging.p95, target: 50, ok: paging.p95 < 50 },
  posting: { subscribers: SUBSCRIBERS, posts: postLat.length, p50: posting.p50, p95: posting.p95, target: 100, ok: posting.p95 < 100 },
  load: { before: loadBefore, after: loadavg()[0] },
};
if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const f = (n: number) => `${n.toFixed(1)} ms`;
  log("");
  log(`Forums (${result.database}, load ${loadBefore.toFixed(1)} → ${result.load.after.toFixed(1)} on ${availableParallelism()} cores)`);
  log(
    `  thread of ${REPLIES} replies, ${pages} pages of 50: p50 ${f(paging.p50)}, p95 ${f(paging.p95)} over ${pageLat.length} pages  (target p95 < 50 ms) ${result.thread.ok ? "OK" : "OVER"}`,
  );
  log(
    `  posting with ${result.posting.subscribers.toLocaleString("en")} subscribers: p50 ${f(posting.p50)}, p95 ${f(posting.p95)} over ${postLat.length} posts  (target p95 < 100 ms, fan-out after the response) ${result.posting.ok ? "OK" : "OVER"}`,
  );
}
await server.close();
await k.events.flush();
await k.bus.close();
await drop();
process.exit(result.thread.ok && result.posting.ok ? 0 : 1);
