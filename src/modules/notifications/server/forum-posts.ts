import { sql } from "kysely";
import { t } from "../../../kernel/i18n.ts";
import { newId } from "../../../kernel/ids.ts";
import { enqueueJob, registerJob } from "../../../kernel/jobs.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { mayReadPostSql } from "../../forums/server/api.ts";
import { eachLimit, mailablePeople, platformContext, sendListMail } from "./mails.ts";
import { publishLiveToAudience, registerLiveAudience } from "./realtime.ts";

/** What the forums module tells about a visible post (a new thread or a reply). `path` is relative to the platform's base. */
export type ForumPostNotice = {
  forumId: string;
  threadId: string;
  postId: string;
  authorId: string | null;
  authorName: string;
  forumTitle: string;
  threadTitle: string;
  excerpt: string;
  path: string;
  createdAt?: Date;
};

const MAIL_CHUNK = 200;

/**
 * Called in the request that made the post: two statements (the feed row, one job), whatever the
 * number of subscribers. The job does the rest of the fan-out.
 */
export async function recordForumPost(k: Kernel, tenantId: string, p: ForumPostNotice) {
  const id = newId();
  const inserted = await k.db
    .insertInto("notification_feed")
    .values({
      tenant_id: tenantId,
      id,
      forum_id: p.forumId,
      thread_id: p.threadId,
      post_id: p.postId,
      author_id: p.authorId,
      author_name: p.authorName.slice(0, 200),
      forum_title: p.forumTitle.slice(0, 300),
      thread_title: p.threadTitle.slice(0, 300),
      excerpt: p.excerpt.replace(/\s+/g, " ").trim().slice(0, 280),
      url: p.path,
      created_at: p.createdAt ?? new Date(),
    })
    .onConflict((oc) => oc.columns(["tenant_id", "post_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) await enqueueJob(k, tenantId, "forum-post", { feedId: id });
}

const loadFeed = (k: Kernel, tenantId: string, id: string) =>
  k.db.selectFrom("notification_feed").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();

type Feed = NonNullable<Awaited<ReturnType<typeof loadFeed>>>;

/**
 * Subscribers of the post's forum or thread who want it now, as the notification centre would
 * show it to them (see feed.ts): subscribed before the post, not its author, immediate delivery,
 * and still allowed to read it (visible, in the course, their group's). Either among `userIds`
 * (the people connected to a node) or those who want it by email (few: email is opt-in).
 */
async function immediateSubscribers(k: Kernel, tenantId: string, f: Feed, among: { userIds: string[] } | { byEmail: true }) {
  const r = await sql<{ user_id: string }>`
    select distinct s.user_id
    from notification_feed f
      join subscriptions s on s.tenant_id = f.tenant_id and s.created_at <= f.created_at
        and ((s.target_type = 'forum' and s.target_id = f.forum_id) or (s.target_type = 'thread' and s.target_id = f.thread_id))
      left join notification_prefs p on p.tenant_id = s.tenant_id and p.user_id = s.user_id
    where f.tenant_id = ${tenantId} and f.id = ${f.id} and s.user_id is distinct from f.author_id
      and coalesce(p.delivery, 'immediate') = 'immediate'
      and ${"userIds" in among ? sql`s.user_id = any(${among.userIds}::uuid[]) and coalesce(p.in_app, true)` : sql`p.by_email`}
      and ${mayReadPostSql(tenantId, sql.ref("s.user_id"), sql.ref("f.post_id"))}`.execute(k.db);
  return r.rows.map((x) => x.user_id);
}

registerLiveAudience("forum-post", async (k, tenantId, feedId, connected) => {
  const f = await loadFeed(k, tenantId, feedId);
  return f ? immediateSubscribers(k, tenantId, f, { userIds: connected }) : [];
});

/**
 * The fan-out of a post, after the request that made it: the centre reads the feed (nothing to
 * write per subscriber), the people connected right now are told live (each node picks its own),
 * and immediate emails go out by chunks of MAIL_CHUNK in follow-up jobs.
 */
registerJob("forum-post", async (k, tenantId, payload) => {
  const f = await loadFeed(k, tenantId, String(payload.feedId));
  if (!f) return;
  await publishLiveToAudience(k, tenantId, "forum-post", f.id, {
    type: "notification",
    kind: "forum.post",
    params: { author: f.author_name, thread: f.thread_title, forum: f.forum_title },
    url: f.url,
    createdAt: new Date(f.created_at).toISOString(),
  });
  const mail = await immediateSubscribers(k, tenantId, f, { byEmail: true });
  for (let i = 0; i < mail.length; i += MAIL_CHUNK) await enqueueJob(k, tenantId, "forum-post-mail", { feedId: f.id, userIds: mail.slice(i, i + MAIL_CHUNK) });
  k.record({ tenantId, actorId: f.author_id, verb: "notified", objectType: "forum-post", objectId: f.post_id, context: { email: mail.length } });
});

registerJob("forum-post-mail", async (k, tenantId, payload) => {
  const f = await loadFeed(k, tenantId, String(payload.feedId));
  if (!f) return;
  const [people, ctx] = await Promise.all([mailablePeople(k, tenantId, payload.userIds as string[]), platformContext(k, tenantId)]);
  await eachLimit(people, 8, (p) => {
    const v = { author: f.author_name, thread: f.thread_title, forum: f.forum_title, platform: ctx.brand.platformName };
    return sendListMail(k, tenantId, ctx, p, "notifications", {
      subject: t(p.locale, "mail.notifications.postSubject", v),
      title: t(p.locale, "mail.notifications.postTitle", v),
      lines: [f.excerpt],
      action: { label: t(p.locale, "mail.notifications.open"), url: `${ctx.base}${f.url}` },
      footer: t(p.locale, "mail.notifications.footer", v),
    });
  });
});
