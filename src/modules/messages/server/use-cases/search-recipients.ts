import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { reachablePeople, rulesFor } from "../rules.ts";

/** The recipient picker: only people the rules let the actor write to. */
export async function searchRecipients(k: Kernel, actor: Actor, q: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const { relations } = await rulesFor(k, actor);
  const rows = await reachablePeople(k, actor, relations, { q: q || undefined, limit: 20 });
  return { items: rows.map((r) => ({ id: r.id, name: `${r.given_name} ${r.family_name}`, profile: r.profile })), relations };
}
