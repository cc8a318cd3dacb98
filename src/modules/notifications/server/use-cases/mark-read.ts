import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { feedItemsSql } from "../feed.ts";
import { countUnread } from "./list-notifications.ts";

/** Marks one of my notifications read, a written one or a forum post of my feed (someone else's id is 404, like a missing one). */
export async function markRead(k: Kernel, actor: Actor, id: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  const uid = actor.userId;
  const r = await k.db
    .updateTable("notifications")
    .set({ read_at: new Date() })
    .where("tenant_id", "=", tid)
    .where("user_id", "=", uid)
    .where("id", "=", id)
    .returning("kind")
    .executeTakeFirst();
  if (!r) {
    const mine = await sql`insert into notification_feed_reads (tenant_id, user_id, feed_id)
      select ${tid}, ${uid}, id from (${feedItemsSql(tid, uid, { limit: 1, id })}) feed
      on conflict (tenant_id, user_id, feed_id) do update set feed_id = excluded.feed_id returning feed_id`.execute(k.db);
    if (mine.rows.length === 0) throw notFound();
  }
  return { unread: await countUnread(k, tid, uid) };
}

/** Everything read: the written rows, and the feed up to now (its watermark; the per-post marks are no longer needed). */
export async function markAllRead(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  const uid = actor.userId;
  const now = new Date();
  await k.db
    .updateTable("notifications")
    .set({ read_at: now })
    .where("tenant_id", "=", tid)
    .where("user_id", "=", uid)
    .where("read_at", "is", null)
    .execute();
  await k.db
    .insertInto("notification_prefs")
    .values({ tenant_id: tid, user_id: uid, feed_read_at: now })
    .onConflict((oc) => oc.columns(["tenant_id", "user_id"]).doUpdateSet({ feed_read_at: now }))
    .execute();
  await k.db.deleteFrom("notification_feed_reads").where("tenant_id", "=", tid).where("user_id", "=", uid).execute();
  return { unread: 0 };
}
