import { sql } from "kysely";
import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { publishLive } from "./realtime.ts";

export type NewNotification = { kind: string; params?: Record<string, unknown>; url?: string | null };

/**
 * Puts a notification in each person's centre and pushes it live to their open pages. Rows go in by
 * 5,000 with UNNEST (one statement per chunk, ids made here), so 36,000 people cost 8 statements.
 */
export async function notifyUsers(k: Kernel, tenantId: string, userIds: string[], n: NewNotification) {
  const users = [...new Set(userIds)];
  if (users.length === 0) return;
  const params = JSON.stringify(n.params ?? {});
  for (let i = 0; i < users.length; i += 5000) {
    const chunk = users.slice(i, i + 5000);
    const ids = chunk.map(() => newId());
    await sql`insert into notifications (tenant_id, id, user_id, kind, params, url)
      select ${tenantId}::uuid, x.id, x.user_id, ${n.kind}, ${params}::jsonb, ${n.url ?? null}
      from unnest(${ids}::uuid[], ${chunk}::uuid[]) as x(id, user_id)`.execute(k.db);
  }
  await publishLive(k, tenantId, users, {
    type: "notification",
    kind: n.kind,
    params: n.params ?? {},
    url: n.url ?? null,
    createdAt: new Date().toISOString(),
  });
}
