import { type Kysely, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import { AppError } from "../../../kernel/errors.ts";
import { isLocale } from "../../../kernel/i18n.ts";
import { renderRichText, type RichTextDocument, richTextToPlain } from "../../../kernel/richtext/index.ts";
import { assertUsableFile } from "../../../kernel/files/index.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { fold } from "../../courses/server/search.ts";
import { NEW_MEMBER_POSTS_PER_HOUR } from "../shared/contract.ts";
import { active, assertNotSuspended, type ForumAccess, type Standing, standingColumns, trustOf } from "./access.ts";
import { emitForumPost } from "./hooks.ts";

/** Links, images and embeds: what a new member may not post yet. */
export const hasLinks = (doc: RichTextDocument, plain: string) => /"type":"(link|image|embed)"/.test(JSON.stringify(doc)) || /(https?:\/\/|www\.)\S/i.test(plain);

/** The first filtered word found in the text, matched as a whole word without case or accents. */
export function matchFilter(text: string, filters: { word: string; action: "block" | "flag" }[]) {
  const folded = ` ${fold(text).replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  const hits = filters.filter((f) => folded.includes(` ${fold(f.word).replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `));
  return hits.find((f) => f.action === "block") ?? hits[0];
}

export type Prepared = {
  status: "visible" | "pending";
  flagWord: string | null;
  doc: string;
  html: string;
  plain: string;
  fileIds: string[];
};

/**
 * The checks every new post passes, in one query for the person's standing, their posts of the
 * last hour and the platform's word filters: suspension and silence, new members' limits
 * (posts per hour, no links, no attachments), word filters (block, or send to review),
 * pre-moderation of new members where the forum asks for it.
 */
export async function preparePost(k: Kernel, a: ForumAccess, input: { doc: RichTextDocument; fileIds: string[]; title?: string; language?: string }): Promise<Prepared> {
  const { actor } = a;
  const tid = actor.tenant.id;
  const since = new Date(Date.now() - 3600_000);
  const state = await k.db
    .selectNoFrom((eb) => [
      eb.selectFrom("forum_people").select(sql<unknown>`row_to_json(forum_people)`.as("j")).where("tenant_id", "=", tid).where("user_id", "=", actor.userId).as("standing"),
      eb
        .selectFrom("forum_posts")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("tenant_id", "=", tid)
        .where("author_id", "=", actor.userId)
        .where("created_at", ">", since)
        .as("lastHour"),
      eb
        .selectFrom("forum_word_filters")
        .select(sql<unknown>`coalesce(json_agg(json_build_object('word', word, 'action', action)), '[]')`.as("f"))
        .where("tenant_id", "=", tid)
        .as("filters"),
    ])
    .executeTakeFirstOrThrow();
  const raw = state.standing as Record<string, unknown> | null;
  const standing = raw
    ? {
        ...(Object.fromEntries(standingColumns.map((c) => [c, raw[c]])) as unknown as Standing),
        silenced_until: raw.silenced_until ? new Date(String(raw.silenced_until)) : null,
        suspended_until: raw.suspended_until ? new Date(String(raw.suspended_until)) : null,
      }
    : null;
  assertNotSuspended(standing);
  if (standing && active(standing.silenced_until)) throw new AppError("forums.silenced", { until: new Date(standing.silenced_until!) }, undefined, 403);
  const plain = richTextToPlain(input.doc);
  const isNew = !a.canModerate && trustOf(standing) === "new";
  if (isNew) {
    if (Number(state.lastHour) >= NEW_MEMBER_POSTS_PER_HOUR) throw new AppError("forums.rate_limited", { count: NEW_MEMBER_POSTS_PER_HOUR }, undefined, 429);
    if (hasLinks(input.doc, plain)) throw new AppError("validation", {}, { body: { code: "forums.no_links_new" } });
    if (input.fileIds.length) throw new AppError("validation", {}, { fileIds: { code: "forums.no_files_new" } });
  }
  const filters = (state.filters ?? []) as { word: string; action: "block" | "flag" }[];
  const hit = a.canModerate ? undefined : matchFilter(`${input.title ?? ""} ${plain}`, filters);
  if (hit?.action === "block") throw new AppError("validation", {}, { body: { code: "forums.word_blocked", params: { word: hit.word } } });
  for (const [i, id] of input.fileIds.entries()) await assertUsableFile(k.db, actor, id, "document", `fileIds.${i}`);
  const lang = input.language ?? actor.tenant.defaultLocale;
  return {
    status: hit || (isNew && a.forum.premoderate_new) ? "pending" : "visible",
    flagWord: hit?.word ?? null,
    doc: JSON.stringify(input.doc),
    html: renderRichText(input.doc, isLocale(lang) ? lang : "fr"),
    plain,
    fileIds: input.fileIds,
  };
}

export const searchOf = (title: string, plain: string) => sql`to_tsvector('simple', ${fold(`${title} ${plain}`.slice(0, 100_000))})`;

/** Inserts a post, counts it for its author, and records a word-filter flag if one matched. */
export async function insertPost(
  db: Kysely<DB>,
  a: ForumAccess,
  p: Prepared,
  ids: { postId: string; threadId: string; quotePostId?: string | null; flagId: string; title: string; isThreadStart: boolean },
) {
  const tid = a.actor.tenant.id;
  await db
    .insertInto("forum_posts")
    .values({
      tenant_id: tid,
      id: ids.postId,
      thread_id: ids.threadId,
      forum_id: a.forum.id,
      author_id: a.actor.userId,
      quote_post_id: ids.quotePostId ?? null,
      body_doc: p.doc,
      body_html: p.html,
      body_plain: p.plain,
      file_ids: JSON.stringify(p.fileIds),
      status: p.status,
      flag_count: p.flagWord ? 1 : 0,
      search: searchOf(ids.isThreadStart ? ids.title : "", p.plain),
      edited_at: null,
    })
    .execute();
  await db
    .insertInto("forum_people")
    .values({ tenant_id: tid, user_id: a.actor.userId, posts_made: 1, silenced_until: null, suspended_until: null })
    .onConflict((oc) => oc.columns(["tenant_id", "user_id"]).doUpdateSet({ posts_made: sql`forum_people.posts_made + 1` }))
    .execute();
  if (p.flagWord)
    await db
      .insertInto("forum_flags")
      .values({ tenant_id: tid, id: ids.flagId, post_id: ids.postId, forum_id: a.forum.id, user_id: null, reason: "word_filter", note: p.flagWord, trusted: false, resolved_at: null })
      .execute();
}

/** After commit: the event for the person's activity and the hook notifications listen to. */
export function announcePost(k: Kernel, a: ForumAccess, e: { postId: string; threadId: string; title: string; plain: string; isThreadStart: boolean; groupId: string | null; status: string }) {
  const { forum, actor } = a;
  k.record({
    tenantId: actor.tenant.id,
    actorId: actor.userId,
    verb: e.isThreadStart ? "posted" : "replied",
    objectType: "forum-post",
    objectId: e.postId,
    context: { forumId: forum.id, threadId: e.threadId, courseId: forum.course_id, orgId: forum.org_id, status: e.status },
  });
  if (e.status === "visible") publishPost(a, e);
}

/** The hook for a post now public (new, or approved by a moderator). */
export function publishPost(a: ForumAccess, e: { postId: string; threadId: string; title: string; plain: string; isThreadStart: boolean; groupId: string | null; authorId?: string }) {
  const { forum, actor } = a;
  emitForumPost({
    tenantId: actor.tenant.id,
    forumId: forum.id,
    threadId: e.threadId,
    postId: e.postId,
    authorId: e.authorId ?? actor.userId,
    courseId: forum.course_id,
    orgId: forum.org_id,
    title: e.title,
    excerpt: e.plain.slice(0, 280),
    isThreadStart: e.isThreadStart,
    groupId: e.groupId,
    forumKind: forum.kind,
  });
}
