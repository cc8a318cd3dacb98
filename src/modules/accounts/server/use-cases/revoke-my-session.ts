import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { notFound } from "../../../../kernel/errors.ts";
import { endSessionsOf } from "../session.ts";

/** A person's own sessions: end one of them. */
export async function revokeMySession(k: Kernel, actor: Actor, id: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  if ((await endSessionsOf(k, actor.tenant.id, actor.userId, { only: id })) === 0) throw notFound();
}
