import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { blockedAmong, checkFiles, postMessage } from "../repo.ts";
import { reachablePeople, rulesFor } from "../rules.ts";

/**
 * Writes to one person or several. Every recipient must be reachable under the actor's rules
 * (refused with their names otherwise) and not blocked either way. To one person with whom a
 * direct conversation exists, the message continues it.
 */
export async function startConversation(k: Kernel, actor: Actor, input: { recipientIds: string[]; title?: string; body: string; fileIds: string[] }) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  const recipients = [...new Set(input.recipientIds)].filter((id) => id !== actor.userId);
  if (recipients.length === 0) throw new AppError("validation", {}, { recipientIds: { code: "messages.no_recipient" } });
  const { relations } = await rulesFor(k, actor);
  const ok = new Set((await reachablePeople(k, actor, relations, { ids: recipients, limit: recipients.length })).map((p) => p.id));
  const refused = recipients.filter((id) => !ok.has(id));
  if (refused.length) {
    const names = await k.db.selectFrom("users").select(["given_name", "family_name"]).where("tenant_id", "=", tid).where("id", "in", refused).execute();
    // someone of another platform or unknown shows as "someone": the error never confirms who exists elsewhere
    const list = names.map((n) => `${n.given_name} ${n.family_name}`).join(", ") || "?";
    throw new AppError("messages.not_allowed", { names: list, count: refused.length }, undefined, 403);
  }
  if ((await blockedAmong(k, actor, recipients)).length) throw new AppError("messages.blocked", {}, undefined, 403);
  await checkFiles(k, actor, input.fileIds);

  let conversationId: string | undefined;
  if (recipients.length === 1 && !input.title) {
    const existing = await sql<{ id: string }>`
      select c.id from conversations c
      where c.tenant_id = ${tid} and c.title is null
        and (select count(*) from conversation_members m where m.tenant_id = c.tenant_id and m.conversation_id = c.id) = 2
        and exists (select 1 from conversation_members m where m.tenant_id = c.tenant_id and m.conversation_id = c.id and m.user_id = ${actor.userId})
        and exists (select 1 from conversation_members m where m.tenant_id = c.tenant_id and m.conversation_id = c.id and m.user_id = ${recipients[0]})
      limit 1`.execute(k.db);
    conversationId = existing.rows[0]?.id;
  }
  if (!conversationId) {
    conversationId = newId();
    await k.db
      .insertInto("conversations")
      .values({ tenant_id: tid, id: conversationId, title: input.title || null, created_by: actor.userId, last_message_at: new Date() })
      .execute();
    await k.db
      .insertInto("conversation_members")
      .values([actor.userId, ...recipients].map((user_id) => ({ tenant_id: tid, conversation_id: conversationId!, user_id })))
      .execute();
  }
  const messageId = await postMessage(k, actor, conversationId, input.body, input.fileIds);
  return { conversationId, messageId };
}
