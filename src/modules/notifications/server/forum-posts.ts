import { sql } from "kysely";
import { t } from "../../../kernel/i18n.ts";
import { newId } from "../../../kernel/ids.ts";
import { enqueueJob, registerJob } from "../../../kernel/jobs.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { forumReadersQuery, postAudience } from "../../forums/server/api.ts";
import { eachLimit, mailablePeople, platformContext, sendListMail } from "./mails.ts";
import { notifyUsers } from "./notify.ts";

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
 * number of subscribers. The job does the fan-out.
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

/**
 * Subscribers of the post's forum or thread who want it now (not its author) and may still read
 * it: the forum's readers (active course members, with separate groups that group and the
 * teachers; people of an organisation node) and only while the post is visible. A post the
 * forums module does not know (or no longer shows) notifies nobody.
 */
async function immediateSubscribers(k: Kernel, tenantId: string, f: { forum_id: string; thread_id: string; post_id: string; author_id: string | null }) {
  const audience = await postAudience(k.db, tenantId, f.post_id);
  if (!audience) return [];
  const readers = forumReadersQuery(k.db, tenantId, audience.forum, audience.groupId);
  const r = await sql<{ user_id: string; in_app: boolean; by_email: boolean }>`
    select s.user_id, coalesce(p.in_app, true) as in_app, coalesce(p.by_email, false) as by_email
    from (select distinct user_id from subscriptions
          where tenant_id = ${tenantId} and ((target_type = 'forum' and target_id = ${f.forum_id}) or (target_type = 'thread' and target_id = ${f.thread_id}))) s
    left join notification_prefs p on p.tenant_id = ${tenantId} and p.user_id = s.user_id
    where coalesce(p.delivery, 'immediate') = 'immediate' and s.user_id is distinct from ${f.author_id}::uuid
      and s.user_id in (${readers})`.execute(k.db);
  return r.rows;
}

registerJob("forum-post", async (k, tenantId, payload) => {
  const f = await loadFeed(k, tenantId, String(payload.feedId));
  if (!f) return;
  const subs = await immediateSubscribers(k, tenantId, f);
  await notifyUsers(
    k,
    tenantId,
    subs.filter((s) => s.in_app).map((s) => s.user_id),
    { kind: "forum.post", params: { author: f.author_name, thread: f.thread_title, forum: f.forum_title }, url: f.url },
  );
  const mail = subs.filter((s) => s.by_email).map((s) => s.user_id);
  for (let i = 0; i < mail.length; i += MAIL_CHUNK) await enqueueJob(k, tenantId, "forum-post-mail", { feedId: f.id, userIds: mail.slice(i, i + MAIL_CHUNK) });
  k.record({
    tenantId,
    actorId: f.author_id,
    verb: "notified",
    objectType: "forum-post",
    objectId: f.post_id,
    context: { inApp: subs.filter((s) => s.in_app).length, email: mail.length },
  });
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
