import type { Kernel } from "../../../kernel/module.ts";
import { forumInfo, mayReadThread, onForumPost } from "../../forums/server/api.ts";
import { recordForumPost } from "./forum-posts.ts";
import { publishLiveTopic, registerLiveTopic } from "./realtime.ts";

// a thread's page follows its new replies live, for those who may read it
registerLiveTopic("thread", (k, tenantId, userId, threadId) => mayReadThread(k.db, tenantId, userId, threadId));

/**
 * Every visible new post or thread of the forums module goes to the feed (its job fans it out),
 * and the pages showing its thread are told at once. Returns the unsubscribe function.
 */
export function listenToForums(k: Kernel, log: (e: unknown) => void) {
  return onForumPost(async (e) => {
    try {
      await publishLiveTopic(k, e.tenantId, `thread:${e.threadId}`, { event: "post", id: e.postId, by: e.authorId });
      const [info, author] = await Promise.all([
        forumInfo(k.db, e.tenantId, e.forumId),
        k.db.selectFrom("users").select(["given_name", "family_name"]).where("tenant_id", "=", e.tenantId).where("id", "=", e.authorId).executeTakeFirst(),
      ]);
      if (!info) return;
      await recordForumPost(k, e.tenantId, {
        forumId: e.forumId,
        threadId: e.threadId,
        postId: e.postId,
        authorId: e.authorId,
        authorName: author ? `${author.given_name} ${author.family_name}` : "",
        forumTitle: info.title,
        threadTitle: e.title,
        excerpt: e.excerpt,
        path: `/threads/${e.threadId}`,
      });
    } catch (err) {
      log(err);
    }
  });
}
