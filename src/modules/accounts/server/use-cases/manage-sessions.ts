import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { deleteSessions, listSessions as list } from "../repo.ts";

/** A person's own sessions: list them, end one, end all others. */
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

export async function revokeMySession(k: Kernel, actor: Actor, id: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  if ((await deleteSessions(k.db, actor.tenant.id, actor.userId, { only: id })) === 0) throw notFound();
}

export async function signOutOthers(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  return deleteSessions(k.db, actor.tenant.id, actor.userId, { except: actor.sessionId });
}
