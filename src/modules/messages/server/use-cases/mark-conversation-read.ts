import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { publishLive } from "../../../notifications/server/index.ts";
import { loadMembership } from "../repo.ts";

export async function markConversationRead(k: Kernel, actor: Actor, id: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  await loadMembership(k, actor, id);
  const now = new Date();
  await k.db
    .updateTable("conversation_members")
    .set({ last_read_at: now })
    .where("tenant_id", "=", actor.tenant.id)
    .where("conversation_id", "=", id)
    .where("user_id", "=", actor.userId)
    .execute();
  // the message notifications of this conversation are read too
  await k.db
    .updateTable("notifications")
    .set({ read_at: now })
    .where("tenant_id", "=", actor.tenant.id)
    .where("user_id", "=", actor.userId)
    .where("url", "=", `/messages/${id}`)
    .where("read_at", "is", null)
    .execute();
  // the others' pages show "read" under their messages
  const others = await k.db
    .selectFrom("conversation_members")
    .select("user_id")
    .where("tenant_id", "=", actor.tenant.id)
    .where("conversation_id", "=", id)
    .where("user_id", "<>", actor.userId)
    .execute();
  await publishLive(
    k,
    actor.tenant.id,
    others.map((o) => o.user_id),
    { type: "read", conversationId: id },
  );
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "read", objectType: "conversation", objectId: id });
  return { ok: true };
}
