import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadPost, logModeration } from "../access.ts";
import { publishPost } from "../posting.ts";

/**
 * A moderator's decision on a post: approve (shown, open flags dismissed; a pending post is then
 * announced like a new one), hide, or delete. Hiding and deleting need a reason; every decision
 * goes to the moderators' log.
 */
export async function moderatePost(k: Kernel, actor: Actor, postId: string, input: { action: "approve" | "hide" | "delete"; reason: string }) {
  const { a, thread, post } = await loadPost(k, actor, postId);
  if (!a.canModerate) throw new AppError("forbidden");
  if (input.action !== "approve" && !input.reason) throw new AppError("validation", {}, { reason: { code: "moderation.reason_required" } });
  const tid = a.actor.tenant.id;
  const status = input.action === "approve" ? "visible" : input.action === "hide" ? "hidden" : "deleted";
  const wasCounted = post.status === "visible";
  const counted = status === "visible";
  const isStart = post.id === thread.firstPostId;
  await k.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("forum_posts")
      .set({ status, ...(input.action === "approve" && { flag_count: 0 }) })
      .where("tenant_id", "=", tid)
      .where("id", "=", postId)
      .execute();
    await trx.updateTable("forum_flags").set({ resolved_at: new Date() }).where("tenant_id", "=", tid).where("post_id", "=", postId).where("resolved_at", "is", null).execute();
    if (!isStart && wasCounted !== counted)
      await trx
        .updateTable("forum_threads")
        .set({
          reply_count: sql`greatest(0, reply_count + ${counted ? 1 : -1})`,
          ...(counted && { last_post_id: sql`greatest(last_post_id, ${postId}::uuid)`, last_post_at: new Date() }),
        })
        .where("tenant_id", "=", tid)
        .where("id", "=", thread.id)
        .execute();
    if (isStart && status === "deleted") await trx.deleteFrom("forum_threads").where("tenant_id", "=", tid).where("id", "=", thread.id).execute();
    if (!(isStart && status === "deleted"))
      await logModeration(trx, tid, { id: newId(), forumId: a.forum.id, postId, targetUserId: post.author_id, moderatorId: a.actor.userId, action: input.action, reason: input.reason });
    else await logModeration(trx, tid, { id: newId(), forumId: a.forum.id, targetUserId: post.author_id, moderatorId: a.actor.userId, action: "delete_thread", reason: `${thread.title} — ${input.reason}` });
  });
  if (post.status === "pending" && status === "visible") {
    publishPost(a, { postId, threadId: thread.id, title: thread.title, plain: post.body_plain, isThreadStart: isStart, groupId: thread.groupId, authorId: post.author_id });
  }
  return { ok: true as const };
}
