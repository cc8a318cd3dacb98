import { sql } from "kysely";
import { registerFileReferences } from "../../../kernel/files/index.ts";
import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261123-82-messages.ts";
import { messageRoutes } from "./routes.ts";

export { loadMessagesDemo } from "./demo.ts";

export { unreadMessagesSql } from "./home.ts";
/**
 * Private messages under communication rules (platform defaults, overridden per organisation node
 * and profile), attachments, read status, blocks and reports. New messages notify the other
 * members in their centre and live.
 */
export const messagesModule: Module = {
  name: "messages",
  migrations: { "20261123-82-messages": m1 },
  register(app, k) {
    // a file attached to a message is readable by the conversation's members
    registerFileReferences("messages", async (db, actor, file) => {
      const r = await sql<{
        ok: number;
      }>`select 1 as ok from messages m join conversation_members c on c.tenant_id = m.tenant_id and c.conversation_id = m.conversation_id
        where m.tenant_id = ${actor.tenant.id} and c.user_id = ${actor.userId} and ${file.id}::uuid = any(m.file_ids) limit 1`.execute(db);
      return r.rows.length > 0;
    });
    messageRoutes(app, k);
  },
};
