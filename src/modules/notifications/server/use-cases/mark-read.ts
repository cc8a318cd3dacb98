import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { countUnread } from "./list-notifications.ts";

/** Marks one of my notifications read (someone else's id is 404, like a missing one). */
export async function markRead(k: Kernel, actor: Actor, id: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  const r = await k.db
    .updateTable("notifications")
    .set({ read_at: new Date() })
    .where("tenant_id", "=", tid)
    .where("user_id", "=", actor.userId)
    .where("id", "=", id)
    .returning("kind")
    .executeTakeFirst();
  if (!r) throw notFound();
  return { unread: await countUnread(k, tid, actor.userId) };
}

export async function markAllRead(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  await k.db
    .updateTable("notifications")
    .set({ read_at: new Date() })
    .where("tenant_id", "=", actor.tenant.id)
    .where("user_id", "=", actor.userId)
    .where("read_at", "is", null)
    .execute();
  return { unread: 0 };
}
