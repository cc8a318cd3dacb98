import { type RawBuilder, sql } from "kysely";

/** Messages from others a person has not read yet, over all their conversations (a number, for the school day page). */
export function unreadMessagesSql(tenantId: string, userId: string): RawBuilder<unknown> {
  return sql`(select count(*)::int from conversation_members me
    join messages x on x.tenant_id = me.tenant_id and x.conversation_id = me.conversation_id and x.sender_id <> ${userId}
      and (me.last_read_at is null or x.created_at > me.last_read_at)
    where me.tenant_id = ${tenantId} and me.user_id = ${userId})`;
}
