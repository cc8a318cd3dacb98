import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadThread, logModeration } from "../access.ts";

/**
 * Pin and lock are for moderators (and logged); marking the answer is for the thread's author
 * or a moderator, and names a visible reply of the thread (null clears it).
 */
export async function updateThread(k: Kernel, actor: Actor, threadId: string, p: { pinned?: boolean; locked?: boolean; answerPostId?: string | null }) {
  const { a, thread } = await loadThread(k, actor, threadId);
  const tid = a.actor.tenant.id;
  if ((p.pinned !== undefined || p.locked !== undefined) && !a.canModerate) throw new AppError("forbidden");
  if (p.answerPostId !== undefined) {
    if (!a.canModerate && thread.authorId !== a.actor.userId) throw new AppError("forbidden");
    if (p.answerPostId) {
      const post = await k.db
        .selectFrom("forum_posts")
        .select("id")
        .where("tenant_id", "=", tid)
        .where("id", "=", p.answerPostId)
        .where("thread_id", "=", threadId)
        .where("status", "=", "visible")
        .where("id", "!=", thread.firstPostId ?? threadId)
        .executeTakeFirst();
      if (!post) throw new AppError("validation", {}, { answerPostId: { code: "forums.answer_unknown" } });
    }
  }
  const set = {
    ...(p.pinned !== undefined && { pinned: p.pinned }),
    ...(p.locked !== undefined && { locked: p.locked }),
    ...(p.answerPostId !== undefined && { answer_post_id: p.answerPostId ?? null }),
  };
  if (Object.keys(set).length === 0) return { ok: true as const };
  await k.db.updateTable("forum_threads").set(set).where("tenant_id", "=", tid).where("id", "=", threadId).execute();
  for (const [key, action] of [
    ["pinned", p.pinned ? "pin" : "unpin"],
    ["locked", p.locked ? "lock" : "unlock"],
  ] as const)
    if (p[key] !== undefined && p[key] !== thread[key])
      await logModeration(k.db, tid, { id: newId(), forumId: a.forum.id, moderatorId: a.actor.userId, action, reason: thread.title });
  return { ok: true as const };
}
