import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { ConversationSummary } from "../../shared/contract.ts";

type Row = {
  id: string;
  title: string | null;
  unread: number;
  last_body: string | null;
  last_sender: string | null;
  last_at: Date | null;
  members: { id: string; name: string; profile: string }[];
};

/** My conversations with members, last message and unread count: one query. */
export async function conversationSummaries(k: Kernel, tenantId: string, userId: string, only?: string): Promise<ConversationSummary[]> {
  const r = await sql<Row>`
    select c.id, c.title,
      (select count(*)::int from messages x where x.tenant_id = c.tenant_id and x.conversation_id = c.id and x.sender_id <> ${userId}
         and (me.last_read_at is null or x.created_at > me.last_read_at)) as unread,
      l.body as last_body, l.sender as last_sender, l.created_at as last_at,
      (select coalesce(json_agg(json_build_object('id', u.id, 'name', u.given_name || ' ' || u.family_name, 'profile', u.profile) order by u.family_name), '[]')
         from conversation_members o join users u on u.tenant_id = o.tenant_id and u.id = o.user_id
         where o.tenant_id = c.tenant_id and o.conversation_id = c.id and o.user_id <> ${userId}) as members
    from conversation_members me
    join conversations c on c.tenant_id = me.tenant_id and c.id = me.conversation_id
    left join lateral (select m.body, u.given_name || ' ' || u.family_name as sender, m.created_at from messages m
        join users u on u.tenant_id = m.tenant_id and u.id = m.sender_id
        where m.tenant_id = c.tenant_id and m.conversation_id = c.id order by m.id desc limit 1) l on true
    where me.tenant_id = ${tenantId} and me.user_id = ${userId} ${only ? sql`and c.id = ${only}` : sql``}
    order by c.last_message_at desc
    limit 200`.execute(k.db);
  return r.rows.map((x) => ({
    id: x.id,
    title: x.title,
    members: x.members,
    unread: x.unread,
    lastMessage: x.last_at ? { body: x.last_body!.slice(0, 200), senderName: x.last_sender!, createdAt: new Date(x.last_at).toISOString() } : null,
  }));
}

export async function listConversations(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const items = await conversationSummaries(k, actor.tenant.id, actor.userId);
  return { items, unread: items.reduce((n, c) => n + c.unread, 0) };
}
