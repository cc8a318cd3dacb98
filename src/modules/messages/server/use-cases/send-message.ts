import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { blockedAmong, checkFiles, loadMembership, postMessage } from "../repo.ts";

/**
 * Replies in a conversation the actor belongs to. The rules chose who could be brought in when it
 * started; members may answer each other. In a two-person conversation a block stops it.
 */
export async function sendMessage(k: Kernel, actor: Actor, conversationId: string, input: { body: string; fileIds: string[] }) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  await loadMembership(k, actor, conversationId);
  const others = await k.db
    .selectFrom("conversation_members")
    .select("user_id")
    .where("tenant_id", "=", actor.tenant.id)
    .where("conversation_id", "=", conversationId)
    .where("user_id", "<>", actor.userId)
    .execute();
  if (others.length === 1 && (await blockedAmong(k, actor, [others[0]!.user_id])).length) throw new AppError("messages.blocked", {}, undefined, 403);
  await checkFiles(k, actor, input.fileIds);
  return { messageId: await postMessage(k, actor, conversationId, input.body, input.fileIds) };
}
