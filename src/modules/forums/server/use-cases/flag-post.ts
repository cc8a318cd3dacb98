import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { FLAGS_TO_HIDE } from "../../shared/contract.ts";
import { loadPost, loadStanding, logModeration, trustOf } from "../access.ts";

/**
 * Reports a post. A flag by a trusted person (member and above, or a moderator) counts towards
 * hiding: at FLAGS_TO_HIDE open trusted flags the post is hidden until a moderator reviews it.
 */
export async function flagPost(k: Kernel, actor: Actor, postId: string, input: { reason: "spam" | "inappropriate" | "off_topic" | "other"; note: string }) {
  const { a, post } = await loadPost(k, actor, postId);
  const tid = a.actor.tenant.id;
  if (post.author_id === a.actor.userId) throw new AppError("moderation.own_post", {}, undefined, 422);
  if (post.status !== "visible") throw new AppError("forums.post_not_visible", {}, undefined, 409);
  if (input.reason === "other" && !input.note) throw new AppError("validation", {}, { note: { code: "moderation.note_required" } });
  const standing = await loadStanding(k.db, tid, a.actor.userId);
  const trusted = a.canModerate || trustOf(standing) !== "new";
  const hidden = await k.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("forum_flags")
      .values({ tenant_id: tid, id: newId(), post_id: postId, forum_id: a.forum.id, user_id: a.actor.userId, reason: input.reason, note: input.note, trusted, resolved_at: null })
      .onConflict((oc) => oc.columns(["tenant_id", "post_id", "user_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) throw new AppError("moderation.already_flagged", {}, undefined, 409);
    const row = await trx
      .updateTable("forum_posts")
      .set({
        flag_count: sql`flag_count + 1`,
        status: sql`case when status = 'visible' and (select count(*) from forum_flags f where f.tenant_id = ${tid} and f.post_id = ${postId} and f.trusted and f.resolved_at is null) >= ${FLAGS_TO_HIDE} then 'hidden' else status end`,
      })
      .where("tenant_id", "=", tid)
      .where("id", "=", postId)
      .returning("status")
      .executeTakeFirstOrThrow();
    const now = row.status === "hidden";
    if (now) await logModeration(trx, tid, { id: newId(), forumId: a.forum.id, postId, targetUserId: post.author_id, moderatorId: null, action: "auto_hide", reason: `${FLAGS_TO_HIDE}` });
    return now;
  });
  k.record({ tenantId: tid, actorId: a.actor.userId, verb: "flagged", objectType: "forum-post", objectId: postId, context: { forumId: a.forum.id, reason: input.reason } });
  return { hidden };
}
