import { type RawBuilder, sql } from "kysely";
import { mayReadPostSql } from "../../forums/server/api.ts";

/**
 * The forum posts of a person's notification centre, read from the feed when they look instead
 * of written once per subscriber when the post is made (a reply in a forum of 36,000 subscribers
 * costs one feed row, not 36,000 notifications): the posts of the forums and threads they follow,
 * made after they subscribed, by someone else, that they may still read (visible, in a course they
 * are still in, their group's), while their preference is "immediate, in the app". Read state is
 * the watermark of "mark all as read" plus a row per post opened after it.
 *
 * Each followed forum or thread is read newest first through its (forum_id, id) index and stops
 * after `limit` rows (a LATERAL per subscription), so the cost grows with the page size and the
 * number of subscriptions, not with the forum's history.
 */
export type FeedScope = { limit: number; before?: string; unreadOnly?: boolean; id?: string };

export function feedItemsSql(tenantId: string, userId: string, scope: FeedScope) {
  const me = sql`${userId}::uuid`;
  const isRead = sql`(f.created_at <= pref.read_before or exists (
    select 1 from notification_feed_reads r where r.tenant_id = f.tenant_id and r.user_id = ${me} and r.feed_id = f.id))`;
  const branch = (type: "forum" | "thread", column: RawBuilder<unknown>) => sql`
    select x.* from pref cross join subscriptions s cross join lateral (
      select f.id, f.author_name, f.thread_title, f.forum_title, f.url, f.created_at, ${isRead} as read
      from notification_feed f
      where f.tenant_id = s.tenant_id and ${column} = s.target_id and f.created_at >= s.created_at
        and f.author_id is distinct from ${me}
        ${scope.before ? sql`and f.id < ${scope.before}::uuid` : sql``}
        ${scope.id ? sql`and f.id = ${scope.id}::uuid` : sql``}
        ${scope.unreadOnly ? sql`and not ${isRead}` : sql``}
        and ${mayReadPostSql(tenantId, me, sql.ref("f.post_id"))}
      order by f.id desc limit ${scope.limit}
    ) x
    where s.tenant_id = ${tenantId} and s.user_id = ${me} and s.target_type = ${type}`;
  return sql<FeedRow>`
    with pref as (
      select coalesce(p.feed_read_at, '-infinity'::timestamptz) as read_before
      from (select 1) one left join notification_prefs p on p.tenant_id = ${tenantId} and p.user_id = ${me}
      where coalesce(p.delivery, 'immediate') = 'immediate' and coalesce(p.in_app, true))
    select * from (${branch("forum", sql.ref("f.forum_id"))} union ${branch("thread", sql.ref("f.thread_id"))}) feed
    order by id desc limit ${scope.limit}`;
}

export type FeedRow = { id: string; author_name: string; thread_title: string; forum_title: string; url: string; created_at: Date; read: boolean };
