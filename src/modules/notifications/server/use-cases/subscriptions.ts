import { type Actor, authorize, type UserActor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";

type Target = "forum" | "thread";
/** Says whether the actor may see a forum or thread (the forums module registers them). */
export type TargetCheck = (k: Kernel, actor: UserActor, id: string) => Promise<boolean>;
const checks = new Map<Target, TargetCheck>();
export const setSubscriptionTargetCheck = (type: Target, check: TargetCheck) => checks.set(type, check);

/** Following needs to see the target; an unknown or invisible one is 404 (as is any kind whose owner has not registered a check). */
async function requireVisible(k: Kernel, actor: UserActor, type: Target, id: string) {
  const check = checks.get(type);
  if (!check || !(await check(k, actor, id))) throw notFound();
}

const mine = (k: Kernel, a: UserActor, type: Target, id: string) =>
  k.db
    .selectFrom("subscriptions")
    .select("user_id")
    .where("tenant_id", "=", a.tenant.id)
    .where("target_type", "=", type)
    .where("target_id", "=", id)
    .where("user_id", "=", a.userId)
    .executeTakeFirst();

export async function getSubscription(k: Kernel, actor: Actor, type: Target, id: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  return { subscribed: !!(await mine(k, actor, type, id)) };
}

export async function subscribe(k: Kernel, actor: Actor, type: Target, id: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  await requireVisible(k, actor, type, id);
  await subscribeUsers(k, actor.tenant.id, type, id, [actor.userId]);
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "subscribed", objectType: type, objectId: id });
  return { subscribed: true };
}

export async function unsubscribe(k: Kernel, actor: Actor, type: Target, id: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  await k.db
    .deleteFrom("subscriptions")
    .where("tenant_id", "=", actor.tenant.id)
    .where("target_type", "=", type)
    .where("target_id", "=", id)
    .where("user_id", "=", actor.userId)
    .execute();
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "unsubscribed", objectType: type, objectId: id });
  return { subscribed: false };
}

export async function listSubscriptions(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const rows = await k.db
    .selectFrom("subscriptions")
    .select(["target_type", "target_id", "created_at"])
    .where("tenant_id", "=", actor.tenant.id)
    .where("user_id", "=", actor.userId)
    .orderBy("created_at", "desc")
    .limit(500)
    .execute();
  return { items: rows.map((r) => ({ targetType: r.target_type, targetId: r.target_id, createdAt: new Date(r.created_at).toISOString() })) };
}

/** For other modules (the forums module subscribes a thread's author, or a whole course to its announcements). */
export async function subscribeUsers(k: Kernel, tenantId: string, type: Target, id: string, userIds: string[]) {
  for (let i = 0; i < userIds.length; i += 5000) {
    await k.db
      .insertInto("subscriptions")
      .values(userIds.slice(i, i + 5000).map((user_id) => ({ tenant_id: tenantId, target_type: type, target_id: id, user_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
