import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { deleteSessions } from "../repo.ts";
import { sessionsEnded } from "../sessions-ended.ts";

/** A person's own sessions: end all but the current one. */
export async function signOutOthers(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  const ended = await deleteSessions(k.db, actor.tenant.id, actor.userId, { except: actor.sessionId });
  await sessionsEnded(k, { tenantId: actor.tenant.id, userId: actor.userId, sessionIds: ended });
  return ended.length;
}
