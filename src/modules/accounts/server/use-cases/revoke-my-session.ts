import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { notFound } from "../../../../kernel/errors.ts";
import { deleteSessions } from "../repo.ts";
import { sessionsEnded } from "../sessions-ended.ts";

/** A person's own sessions: end one of them. */
export async function revokeMySession(k: Kernel, actor: Actor, id: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  const ended = await deleteSessions(k.db, actor.tenant.id, actor.userId, { only: id });
  if (ended.length === 0) throw notFound();
  await sessionsEnded(k, { tenantId: actor.tenant.id, userId: actor.userId, sessionIds: ended });
}
