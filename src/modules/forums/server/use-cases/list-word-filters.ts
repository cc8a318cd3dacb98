import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";

/** The platform's word filters (its admins). */
export async function listWordFilters(k: Kernel, actor: Actor) {
  authorize(actor, "org.manage", { orgPath: actor.kind === "user" ? `/${actor.tenant.rootOrgId}/` : "" });
  const items = await k.db.selectFrom("forum_word_filters").select(["id", "word", "action"]).where("tenant_id", "=", actor.tenant.id).orderBy("word").execute();
  return { items };
}
