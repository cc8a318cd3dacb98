import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCourseForum, makeForumPost, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { countQueries, type TestApp, testApp } from "../../../../test/helpers.ts";
import { startSmtp } from "../../../../test/smtp.ts";
import { newId } from "../../../kernel/ids.ts";
import { runJobs, sendDigests, subscribeUsers } from "./index.ts";

const PEOPLE = 40;
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let p: Awaited<ReturnType<typeof makePlatform>>;
let deferring = true;
let courseId: string;
let forum: { forumId: string; threadId: string };
let author: { id: string };
const ids: string[] = [];

beforeAll(async () => {
  // "tard-…" answers 451 (a temporary refusal) until the test lifts it
  smtp = await startSmtp({ defer: (to) => deferring && to.startsWith("tard-") });
  t = await testApp({ SMTP_URL: smtp.url });
  p = await makePlatform(t.k, "digestbulk");
  const root = rootOf(p);
  author = await makeUser(t.k, p.tenantId, root.id, "auteur-digest", "teacher");
  for (let i = 0; i < PEOPLE; i++) {
    const name = i === 0 ? "rebond-0" : i === 1 ? "tard-1" : `abonne-${i}`;
    ids.push((await makeUser(t.k, p.tenantId, root.id, name)).id);
  }
  await t.k.db
    .insertInto("notification_prefs")
    .values(ids.map((id) => ({ tenant_id: p.tenantId, user_id: id, delivery: "daily" as const, by_email: true })))
    .execute();
  await t.k.db.insertInto("mail_bounces").values({ tenant_id: p.tenantId, address: "rebond-0@example.test", reason: "550 user unknown" }).execute();
  // a course whose forum they all follow
  courseId = newId();
  await t.k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "MOOC", status: "published" }).execute();
  await t.k.db
    .insertInto("course_members")
    .values([author.id, ...ids].map((u) => ({ tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: u, role: u === author.id ? ("teacher" as const) : ("learner" as const) })))
    .execute();
  forum = await makeCourseForum(t.k, p.tenantId, courseId, author.id, "Forum du MOOC");
  await subscribeUsers(t.k, p.tenantId, "forum", forum.forumId, ids);
  for (const title of ["Des fractions", "Des pourcentages"]) await postNow(title);
  await runJobs(t.k);
});
const postNow = async (title: string, createdAt?: Date) => {
  const postId = newId();
  await makeForumPost(t.k, p.tenantId, {
    ...forum,
    postId,
    authorId: author.id,
    authorName: "Ada Auteur",
    forumTitle: "Forum du MOOC",
    threadTitle: title,
    excerpt: `À propos ${title.toLowerCase()}`,
    path: `/threads/${forum.threadId}`,
    createdAt,
  });
  return postId;
};

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe("digests in bulk", () => {
  it("sends a batch with a bounded number of statements, skips bounced addresses and retries a temporary refusal on the next run", async () => {
    const { count, sql: sqls, result: sent } = await countQueries(() => sendDigests(t.k, "daily"));
    // 38 mails: not the bounced address, not the deferred one
    expect(sent).toBe(PEOPLE - 2);
    await smtp.waitFor(PEOPLE - 2);
    // one bounce lookup and one outbox INSERT for the batch, not two statements per mail
    expect(count, sqls.join("\n")).toBeLessThanOrEqual(16);
    const to = smtp.mails.map((m) => m.to);
    expect(to).not.toContain("rebond-0@example.test");
    expect(to).not.toContain("tard-1@example.test");
    const mail = smtp.mails.find((m) => m.to === "abonne-7@example.test")!;
    expect(mail.subject).toContain("2 messages");
    expect(mail.text).toContain("Des fractions — Forum du MOOC");
    expect(mail.text).toContain("Ada Auteur : À propos des pourcentages");
    expect(mail.raw.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toContain("List-Unsubscribe=One-Click");
    const outbox = await t.k.db.selectFrom("mail_outbox").select(["to_address", "status"]).where("tenant_id", "=", p.tenantId).execute();
    expect(outbox.filter((r) => r.status === "sent")).toHaveLength(PEOPLE - 2);
    expect(outbox.find((r) => r.to_address === "tard-1@example.test")?.status).toBe("failed");
    expect(outbox.some((r) => r.to_address === "rebond-0@example.test")).toBe(false);
    // a temporary refusal is not remembered as a bounce
    expect(await t.k.db.selectFrom("mail_bounces").select("address").where("tenant_id", "=", p.tenantId).execute()).toEqual([
      { address: "rebond-0@example.test" },
    ]);

    // the next run (the scheduler's next tick) sends only the deferred person's digest
    deferring = false;
    expect(await sendDigests(t.k, "daily")).toBe(1);
    await smtp.waitFor(PEOPLE - 1);
    expect(smtp.mails.at(-1)?.to).toBe("tard-1@example.test");
    expect(await sendDigests(t.k, "daily")).toBe(0);
  });

  it("lists only posts the person may still read: nothing once unenrolled, no post hidden since", async () => {
    const later = new Date(Date.now() + 2 * 86400_000);
    await t.k.db.updateTable("course_members").set({ status: "unenrolled" }).where("tenant_id", "=", p.tenantId).where("course_id", "=", courseId).where("user_id", "=", ids[5]).execute();
    await postNow("Des équations", new Date(later.getTime() - 3600_000));
    const hidden = await postNow("Un message masqué", new Date(later.getTime() - 1800_000));
    await t.k.db.updateTable("forum_posts").set({ status: "hidden" }).where("tenant_id", "=", p.tenantId).where("id", "=", hidden).execute();
    await runJobs(t.k);
    const before = smtp.mails.length;
    const arrived = smtp.received;
    // everyone but the bounced address and the learner who left the course
    expect(await sendDigests(t.k, "daily", later)).toBe(PEOPLE - 2);
    await smtp.waitFor(arrived + PEOPLE - 2);
    const mails = smtp.mails.slice(before);
    expect(mails.map((m) => m.to)).not.toContain("abonne-5@example.test");
    const mail = mails.find((m) => m.to === "abonne-7@example.test")!;
    expect(mail.text).toContain("Des équations");
    expect(mail.text).not.toContain("Un message masqué");
  });
});
