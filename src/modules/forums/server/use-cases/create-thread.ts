import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { RichTextDocument } from "../../../../kernel/richtext/index.ts";
import { findGroup } from "../../../groups/server/index.ts";
import { loadForum } from "../access.ts";
import { announcePost, insertPost, preparePost } from "../posting.ts";

/**
 * Starts a thread. Announcements are for the course's teachers (or the node's admins); a
 * single-discussion forum has its one thread already. With separate groups a learner posts in
 * one of their groups (the first when they name none); teachers may post to everyone.
 */
export async function createThread(k: Kernel, actor: Actor, forumId: string, input: { title: string; body: RichTextDocument; fileIds: string[]; groupId?: string | null }) {
  const a = await loadForum(k, actor, forumId);
  const { forum } = a;
  if (!a.canPost) throw new AppError("forbidden");
  if (forum.kind === "announcements" && !a.canModerate) throw new AppError("forums.teachers_only", {}, undefined, 403);
  if (forum.kind === "single") throw new AppError("forums.single_discussion", {}, undefined, 403);
  let groupId: string | null = null;
  if (a.groupIds !== null) {
    if (input.groupId && !a.groupIds.includes(input.groupId)) throw new AppError("validation", {}, { groupId: { code: "forums.not_your_group" } });
    groupId = input.groupId ?? a.groupIds[0] ?? null;
  } else if (input.groupId && forum.separate_groups) {
    if (!forum.course_id || !(await findGroup(k.db, a.actor.tenant.id, forum.course_id, input.groupId))) throw new AppError("validation", {}, { groupId: { code: "forums.not_your_group" } });
    groupId = input.groupId;
  }
  const p = await preparePost(k, a, { doc: input.body, fileIds: input.fileIds, title: input.title });
  const threadId = newId();
  const postId = newId();
  const tid = a.actor.tenant.id;
  await k.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("forum_threads")
      .values({ tenant_id: tid, id: threadId, forum_id: forum.id, group_id: groupId, author_id: a.actor.userId, title: input.title, first_post_id: postId, answer_post_id: null, last_post_id: postId })
      .execute();
    await insertPost(trx, a, p, { postId, threadId, flagId: newId(), title: input.title, isThreadStart: true });
  });
  announcePost(k, a, { postId, threadId, title: input.title, plain: p.plain, isThreadStart: true, groupId, status: p.status });
  return { threadId, postId, status: p.status };
}
