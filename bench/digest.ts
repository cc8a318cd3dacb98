/**
 * `npm run bench -- --only digest` (or `node --import tsx bench/digest.ts`): the daily digest for
 * 36,000 subscribers of a course forum with 10 posts that day, built by sendDigests (the code the
 * scheduler runs) and handed over SMTP to a local sink (smtp-server in this process, which counts
 * and discards). Prints the setup, the total time, mails per second and what the sink received.
 * Database: in-memory PGlite, or a throwaway database on DATABASE_URL's server.
 */
import { sql } from "kysely";
import { newId } from "../src/kernel/ids.ts";
import { installBounceGuard } from "../src/modules/mailing/server/index.ts";
import { runJobs, sendDigests } from "../src/modules/notifications/server/index.ts";
import { loadConfig } from "../src/server/config.ts";
import { createKernel } from "../src/server/kernel.ts";
import { makeCourseForum, makeForumPost, makePlatform } from "../test/factories.ts";
import { startSmtp } from "../test/smtp.ts";
import { benchDatabase } from "./database.ts";

const SUBSCRIBERS = Number(process.env.DIGEST_SUBSCRIBERS ?? 36_000);
const POSTS = 10;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const sink = await startSmtp({ keep: false });
const { database, drop } = await benchDatabase("digest");
// a pooled SMTP transport (nodemailer reads its options from the URL): a few connections reused for every mail
const k = createKernel(
  loadConfig({ LOG_LEVEL: "silent", DATA_DIR: "/tmp/archipel-bench-data", SMTP_URL: `${sink.url}/?pool=true&maxConnections=4&maxMessages=100000` }),
  database,
  (m, e) => console.error(m, e),
);
installBounceGuard(k); // as in the server: each mail first checks the address has not bounced

let t0 = Date.now();
const p = await makePlatform(k, "digest");
// 36,000 learners who take the forum as a daily digest by mail (set-based inserts: the setup is not what is measured)
await sql`insert into users (tenant_id, id, username, email, given_name, family_name, profile, locale)
  select ${p.tenantId}::uuid, gen_random_uuid(), 'learner-' || i, 'learner-' || i || '@bench.test', 'Learner', 'N' || i, 'learner', (array['fr','en','es','nl','de','it'])[1 + i % 6]
  from generate_series(1, ${SUBSCRIBERS}) i`.execute(k.db);
await sql`insert into notification_prefs (tenant_id, user_id, delivery, by_email) select tenant_id, id, 'daily', true from users where tenant_id = ${p.tenantId} and username like 'learner-%'`.execute(
  k.db,
);
// learners of a MOOC whose forum they follow (a digest lists only posts its reader may still read)
const courseId = newId();
await k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "MOOC", status: "published" }).execute();
await sql`insert into course_members (tenant_id, id, course_id, user_id, role, source)
  select tenant_id, gen_random_uuid(), ${courseId}::uuid, id, 'learner', 'teacher' from users where tenant_id = ${p.tenantId} and username like 'learner-%'`.execute(k.db);
const { forumId, threadId } = await makeCourseForum(k, p.tenantId, courseId, p.adminId, "Forum du MOOC");
await sql`insert into subscriptions (tenant_id, target_type, target_id, user_id) select tenant_id, 'forum', ${forumId}::uuid, id from users where tenant_id = ${p.tenantId} and username like 'learner-%'`.execute(
  k.db,
);
for (let i = 0; i < POSTS; i++) {
  await makeForumPost(k, p.tenantId, {
    forumId,
    threadId,
    postId: newId(),
    authorId: p.adminId,
    authorName: "Ada Admin",
    forumTitle: "Forum du MOOC",
    threadTitle: `Question ${i + 1} sur les fonctions affines`,
    excerpt: "Comment trouver le coefficient directeur d'une droite passant par deux points ? ".repeat(3),
    path: `/forums/${forumId}/threads/${threadId}`,
    createdAt: new Date(Date.now() - (POSTS - i) * 60_000),
  });
}
await runJobs(k); // the posts' fan-out jobs (nobody wants them immediately: they only check)
await sql`analyze`.execute(k.db);
console.log(`setup: ${SUBSCRIBERS.toLocaleString("en")} subscribers, ${POSTS} posts today, ${database.kind} (${secs(Date.now() - t0)})`);

t0 = Date.now();
let last = 0;
const sent = await sendDigests(k, "daily", new Date(), (n) => {
  if (n - last >= 6000) {
    last = n;
    console.log(`  ${n.toLocaleString("en")} digests after ${secs(Date.now() - t0)}`);
  }
});
await sink.waitFor(sent, 120_000);
const ms = Date.now() - t0;
console.log(
  `daily digest: ${sent.toLocaleString("en")} mails built and handed to the SMTP sink in ${secs(ms)} (${Math.round(sent / (ms / 1000))} mails/s); the sink received ${sink.received.toLocaleString("en")}`,
);
const failed = await k.db
  .selectFrom("mail_outbox")
  .select(sql<number>`count(*)::int`.as("n"))
  .where("tenant_id", "=", p.tenantId)
  .where("status", "=", "failed")
  .executeTakeFirstOrThrow();
await k.events.flush();
k.mailer.close();
await k.bus.close();
await drop();
await sink.close();
process.exit(sent === SUBSCRIBERS && sink.received === SUBSCRIBERS && failed.n === 0 ? 0 : 1);
