import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { Notification } from "../../shared/contract.ts";

export async function countUnread(k: Kernel, tenantId: string, userId: string) {
  const r = await k.db
    .selectFrom("notifications")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** My notifications, newest first (ids are UUIDv7: their order is their time). */
export async function listNotifications(k: Kernel, actor: Actor, q: { before?: string; limit: number; unread?: "true" | "false" }) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  let query = k.db
    .selectFrom("notifications")
    .select(["id", "kind", "params", "url", "read_at", "created_at"])
    .where("tenant_id", "=", tid)
    .where("user_id", "=", actor.userId);
  if (q.before) query = query.where("id", "<", q.before);
  if (q.unread === "true") query = query.where("read_at", "is", null);
  const [rows, unread] = await Promise.all([
    query
      .orderBy("id", "desc")
      .limit(q.limit + 1)
      .execute(),
    countUnread(k, tid, actor.userId),
  ]);
  const items: Notification[] = rows
    .slice(0, q.limit)
    .map((r) => ({ id: r.id, kind: r.kind, params: r.params, url: r.url, read: r.read_at !== null, createdAt: new Date(r.created_at).toISOString() }));
  return { items, unread, nextBefore: rows.length > q.limit ? items[items.length - 1]!.id : null };
}
