import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { logModeration } from "../access.ts";

/** Removes a word filter; logged. */
export async function deleteWordFilter(k: Kernel, actor: Actor, filterId: string) {
  authorize(actor, "org.manage", { orgPath: actor.kind === "user" ? `/${actor.tenant.rootOrgId}/` : "" });
  const tid = actor.tenant.id;
  const row = await k.db.deleteFrom("forum_word_filters").where("tenant_id", "=", tid).where("id", "=", filterId).returning("word").executeTakeFirst();
  if (!row) throw notFound();
  await logModeration(k.db, tid, { id: newId(), moderatorId: actor.userId, action: "filter_remove", reason: row.word });
  return { ok: true as const };
}
