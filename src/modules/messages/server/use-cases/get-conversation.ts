import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { describeFiles } from "../../../../kernel/files/index.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { Message } from "../../shared/contract.ts";
import { loadMembership } from "../repo.ts";
import { conversationSummaries } from "./list-conversations.ts";

const PAGE = 50;

/** A conversation of mine: summary, a page of messages (oldest first within the page), who read each. */
export async function getConversation(k: Kernel, actor: Actor, id: string, before?: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  await loadMembership(k, actor, id);
  const [summary] = await conversationSummaries(k, tid, actor.userId, id);
  const rows = await sql<{ id: string; sender_id: string; sender: string; body: string; file_ids: string[]; created_at: Date; read_by: number }>`
    select m.id, m.sender_id, u.given_name || ' ' || u.family_name as sender, m.body, m.file_ids, m.created_at,
      (select count(*)::int from conversation_members o where o.tenant_id = m.tenant_id and o.conversation_id = m.conversation_id
         and o.user_id <> m.sender_id and o.last_read_at >= m.created_at) as read_by
    from messages m join users u on u.tenant_id = m.tenant_id and u.id = m.sender_id
    where m.tenant_id = ${tid} and m.conversation_id = ${id} ${before ? sql`and m.id < ${before}` : sql``}
    order by m.id desc limit ${PAGE + 1}`.execute(k.db);
  const page = rows.rows.slice(0, PAGE);
  const fileIds = [...new Set(page.flatMap((r) => r.file_ids))];
  const byId = await describeFiles(k.db, tid, fileIds);
  const messages: Message[] = page.reverse().map((r) => ({
    id: r.id,
    senderId: r.sender_id,
    senderName: r.sender,
    body: r.body,
    files: r.file_ids
      .map((f) => byId.get(f))
      .filter((f) => !!f)
      .map((f) => ({ id: f!.id, name: f!.name, size: f!.size, mime: f!.mime })),
    createdAt: new Date(r.created_at).toISOString(),
    mine: r.sender_id === actor.userId,
    readBy: r.read_by,
  }));
  const blocked = await k.db.selectFrom("message_blocks").select("blocked_id").where("tenant_id", "=", tid).where("user_id", "=", actor.userId).execute();
  return { conversation: summary!, messages, nextBefore: rows.rows.length > PAGE ? page[0]!.id : null, blocked: blocked.map((b) => b.blocked_id) };
}
