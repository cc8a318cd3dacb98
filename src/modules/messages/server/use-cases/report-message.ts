import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { notifyUsers } from "../../../notifications/server/index.ts";
import { loadMembership } from "../repo.ts";

/** A member reports a message someone else sent; the platform's admins are told in their centre. */
export async function reportMessage(k: Kernel, actor: Actor, messageId: string, reason: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  const m = await k.db
    .selectFrom("messages")
    .select(["conversation_id", "sender_id"])
    .where("tenant_id", "=", tid)
    .where("id", "=", messageId)
    .executeTakeFirst();
  if (!m) throw notFound();
  await loadMembership(k, actor, m.conversation_id);
  if (m.sender_id === actor.userId) throw new AppError("messages.report_own", {}, undefined, 422);
  await k.db
    .insertInto("message_reports")
    .values({ tenant_id: tid, id: newId(), message_id: messageId, reporter_id: actor.userId, reason })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const admins = await k.db
    .selectFrom("role_assignments")
    .select("user_id")
    .where("tenant_id", "=", tid)
    .where("org_id", "=", actor.tenant.rootOrgId)
    .where("role", "=", "admin")
    .execute();
  await notifyUsers(
    k,
    tid,
    admins.map((a) => a.user_id),
    { kind: "message.reported", params: { reason: reason.slice(0, 140) }, url: null },
  );
  k.record({ tenantId: tid, actorId: actor.userId, verb: "reported", objectType: "message", objectId: messageId, context: { sender: m.sender_id } });
  return { reported: true };
}
