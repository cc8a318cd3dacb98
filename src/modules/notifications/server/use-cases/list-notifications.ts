import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { Notification } from "../../shared/contract.ts";
import { feedItemsSql } from "../feed.ts";

/** Unread forum posts are counted up to this many (the bell shows "99+" beyond). */
const FEED_COUNT_CAP = 100;

/** My unread notifications: the rows written for me plus the unread forum posts of the feed (one statement). */
export async function countUnread(k: Kernel, tenantId: string, userId: string) {
  const r = await sql<{ n: number }>`
    select (select count(*) from notifications where tenant_id = ${tenantId} and user_id = ${userId} and read_at is null)::int
      + (select count(*) from (${feedItemsSql(tenantId, userId, { limit: FEED_COUNT_CAP, unreadOnly: true })}) feed)::int as n`.execute(k.db);
  return r.rows[0]!.n;
}

/** My notifications, newest first: written ones and forum posts of the feed merged (ids are UUIDv7: their order is their time). */
export async function listNotifications(k: Kernel, actor: Actor, q: { before?: string; limit: number; unread?: "true" | "false" }) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  const uid = actor.userId;
  const n = q.limit + 1;
  const unreadOnly = q.unread === "true";
  const rows = sql<{ id: string; kind: string; params: Record<string, unknown>; url: string | null; read: boolean; created_at: Date }>`
    select * from (
      (select id, kind, params, url, read_at is not null as read, created_at from notifications
       where tenant_id = ${tid} and user_id = ${uid}
         ${q.before ? sql`and id < ${q.before}::uuid` : sql``} ${unreadOnly ? sql`and read_at is null` : sql``}
       order by id desc limit ${n})
      union all
      select id, 'forum.post', jsonb_build_object('author', author_name, 'thread', thread_title, 'forum', forum_title), url, read, created_at
      from (${feedItemsSql(tid, uid, { limit: n, before: q.before, unreadOnly })}) feed
    ) merged order by id desc limit ${n}`.execute(k.db);
  const [r, unread] = await Promise.all([rows, countUnread(k, tid, uid)]);
  const items: Notification[] = r.rows
    .slice(0, q.limit)
    .map((x) => ({ id: x.id, kind: x.kind, params: x.params, url: x.url, read: x.read, createdAt: new Date(x.created_at).toISOString() }));
  return { items, unread, nextBefore: r.rows.length > q.limit ? items[items.length - 1]!.id : null };
}
