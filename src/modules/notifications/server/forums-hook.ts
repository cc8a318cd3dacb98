import type { Kernel } from "../../../kernel/module.ts";
import { forumInfo, onForumPost } from "../../forums/server/api.ts";
import { recordForumPost } from "./forum-posts.ts";

/** Every visible new post or thread of the forums module goes to the feed; its job fans it out. Returns the unsubscribe function. */
export function listenToForums(k: Kernel, log: (e: unknown) => void) {
  return onForumPost(async (e) => {
    try {
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
