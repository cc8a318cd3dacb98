import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { type RichTextDocument, renderRichText, richTextToPlain } from "../../../../kernel/richtext/index.ts";
import { isLocale } from "../../../../kernel/i18n.ts";
import { active, loadPost, loadStanding, logModeration, trustOf } from "../access.ts";
import { hasLinks, searchOf } from "../posting.ts";

/**
 * Its author edits a post within the forum's edit window (not while silenced; a new member still
 * without links); a moderator edits any post at any time, giving a reason the log keeps.
 */
export async function editPost(k: Kernel, actor: Actor, postId: string, input: { body: RichTextDocument; reason: string }) {
  const { a, thread, post } = await loadPost(k, actor, postId);
  const tid = a.actor.tenant.id;
  const own = post.author_id === a.actor.userId;
  const plain = richTextToPlain(input.body);
  if (!own || a.canModerate) {
    if (!a.canModerate) throw new AppError("forbidden");
    if (!own && !input.reason) throw new AppError("validation", {}, { reason: { code: "moderation.reason_required" } });
  } else {
    const standing = await loadStanding(k.db, tid, a.actor.userId);
    if (active(standing?.silenced_until)) throw new AppError("forums.silenced", { until: new Date(standing!.silenced_until!) }, undefined, 403);
    if (Date.now() - new Date(post.created_at).getTime() > a.forum.edit_minutes * 60_000)
      throw new AppError("forums.edit_window_closed", { minutes: a.forum.edit_minutes }, undefined, 403);
    if (trustOf(standing) === "new" && hasLinks(input.body, plain)) throw new AppError("validation", {}, { body: { code: "forums.no_links_new" } });
  }
  const lang = a.actor.tenant.defaultLocale;
  await k.db
    .updateTable("forum_posts")
    .set({
      body_doc: JSON.stringify(input.body),
      body_html: renderRichText(input.body, isLocale(lang) ? lang : "fr"),
      body_plain: plain,
      search: searchOf(post.id === thread.firstPostId ? thread.title : "", plain),
      edited_at: new Date(),
    })
    .where("tenant_id", "=", tid)
    .where("id", "=", postId)
    .execute();
  if (!own) await logModeration(k.db, tid, { id: newId(), forumId: a.forum.id, postId, targetUserId: post.author_id, moderatorId: a.actor.userId, action: "edit", reason: input.reason });
  return { ok: true as const };
}
