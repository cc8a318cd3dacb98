import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";

export async function blockPerson(k: Kernel, actor: Actor, userId: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  if (userId === actor.userId) throw new AppError("messages.block_self", {}, undefined, 422);
  const exists = await k.db.selectFrom("users").select("id").where("tenant_id", "=", actor.tenant.id).where("id", "=", userId).executeTakeFirst();
  if (!exists) throw notFound();
  await k.db
    .insertInto("message_blocks")
    .values({ tenant_id: actor.tenant.id, user_id: actor.userId, blocked_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "blocked", objectType: "person", objectId: userId });
  return { blocked: true };
}

export async function unblockPerson(k: Kernel, actor: Actor, userId: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  await k.db
    .deleteFrom("message_blocks")
    .where("tenant_id", "=", actor.tenant.id)
    .where("user_id", "=", actor.userId)
    .where("blocked_id", "=", userId)
    .execute();
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "unblocked", objectType: "person", objectId: userId });
  return { blocked: false };
}
