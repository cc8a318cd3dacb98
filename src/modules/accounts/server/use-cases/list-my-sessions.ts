import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { listSessions as list } from "../repo.ts";

/** A person's own sessions: list them (the current one flagged). */
export async function listMySessions(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  const rows = await list(k.db, actor.tenant.id, actor.userId);
  return rows.map((s) => ({
    id: s.id,
    current: s.id === actor.sessionId,
    userAgent: s.user_agent,
    ip: s.ip,
    createdAt: new Date(s.created_at).toISOString(),
    lastSeenAt: new Date(s.last_seen_at).toISOString(),
  }));
}
