import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { logModeration } from "../access.ts";

/** Adds a word that blocks a post, or sends it to review; logged. */
export async function addWordFilter(k: Kernel, actor: Actor, input: { word: string; action: "block" | "flag" }) {
  authorize(actor, "org.manage", { orgPath: actor.kind === "user" ? `/${actor.tenant.rootOrgId}/` : "" });
  const tid = actor.tenant.id;
  const id = newId();
  const row = await k.db
    .insertInto("forum_word_filters")
    .values({ tenant_id: tid, id, word: input.word.toLowerCase(), action: input.action })
    .onConflict((oc) => oc.columns(["tenant_id", "word"]).doNothing())
    .returning(["id", "word", "action"])
    .executeTakeFirst();
  if (!row) throw new AppError("validation", {}, { word: { code: "moderation.word_exists" } });
  await logModeration(k.db, tid, { id: newId(), moderatorId: actor.userId, action: `filter_${input.action}`, reason: row.word });
  return row;
}
