import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { endSessionsOf } from "../session.ts";

/** A person's own sessions: end all but the current one. */
export async function signOutOthers(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  return endSessionsOf(k, actor.tenant.id, actor.userId, { except: actor.sessionId });
}
