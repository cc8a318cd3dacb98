import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { RichTextDocument } from "../../../../kernel/richtext/index.ts";
import { loadThread } from "../access.ts";
import { announcePost, insertPost, preparePost } from "../posting.ts";

/**
 * Replies in a thread, optionally quoting one of its posts. A locked thread takes replies from
 * moderators only; announcements take none from learners. The thread's counters move in the
 * same transaction; notifications follow after the response (see hooks.ts).
 */
export async function replyToThread(k: Kernel, actor: Actor, threadId: string, input: { body: RichTextDocument; fileIds: string[]; quotePostId?: string | null }) {
  const { a, thread } = await loadThread(k, actor, threadId);
  if (!a.canPost) throw new AppError("forbidden");
  if (a.forum.kind === "announcements" && !a.canModerate) throw new AppError("forums.teachers_only", {}, undefined, 403);
  if (thread.locked && !a.canModerate) throw new AppError("forums.thread_locked", {}, undefined, 403);
  const tid = a.actor.tenant.id;
  if (input.quotePostId) {
    const q = await k.db
      .selectFrom("forum_posts")
      .select(["id"])
      .where("tenant_id", "=", tid)
      .where("id", "=", input.quotePostId)
      .where("thread_id", "=", threadId)
      .where("status", "=", "visible")
      .executeTakeFirst();
    if (!q) throw new AppError("validation", {}, { quotePostId: { code: "forums.quote_unknown" } });
  }
  const p = await preparePost(k, a, { doc: input.body, fileIds: input.fileIds });
  const postId = newId();
  await k.db.transaction().execute(async (trx) => {
    await insertPost(trx, a, p, { postId, threadId, quotePostId: input.quotePostId, flagId: newId(), title: thread.title, isThreadStart: false });
    if (p.status === "visible")
      await trx
        .updateTable("forum_threads")
        .set((eb) => ({ reply_count: eb("reply_count", "+", 1), last_post_id: postId, last_post_at: new Date() }))
        .where("tenant_id", "=", tid)
        .where("id", "=", threadId)
        .execute();
  });
  announcePost(k, a, { postId, threadId, title: thread.title, plain: p.plain, isThreadStart: false, groupId: thread.groupId, status: p.status });
  return { postId, status: p.status };
}
