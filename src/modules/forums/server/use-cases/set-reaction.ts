import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadPost } from "../access.ts";

/** Adds (or, with on=false, removes) the person's reaction to a visible post; idempotent. */
export async function setReaction(k: Kernel, actor: Actor, postId: string, reaction: string, on: boolean) {
  const { a, post } = await loadPost(k, actor, postId);
  if (post.status !== "visible") throw new AppError("forums.post_not_visible", {}, undefined, 409);
  const tid = a.actor.tenant.id;
  if (on)
    await k.db
      .insertInto("forum_reactions")
      .values({ tenant_id: tid, post_id: postId, user_id: a.actor.userId, reaction })
      .onConflict((oc) => oc.doNothing())
      .execute();
  else
    await k.db
      .deleteFrom("forum_reactions")
      .where("tenant_id", "=", tid)
      .where("post_id", "=", postId)
      .where("user_id", "=", a.actor.userId)
      .where("reaction", "=", reaction)
      .execute();
  return { ok: true as const };
}
