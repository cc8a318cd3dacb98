import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { REACTIONS } from "../../shared/contract.ts";
import { active, assertNotSuspended, loadThread, standingColumns, trustOf } from "../access.ts";

type Reaction = (typeof REACTIONS)[number];

/**
 * A thread and one page of its posts, oldest first. Posts are keyed by UUIDv7 ids, so a page is
 * "the next N ids after the cursor" on the (tenant, thread, id) index: the same cost on page 1
 * and page 20 of a 1,000-reply thread, and the same number of statements (thread, course, the
 * person's standing with their Q&A state, the page, the read mark).
 *
 * Who sees what: moderators see everything but deleted posts; others see visible posts and
 * their own pending or hidden ones. In a Q&A forum a learner sees the question and their own
 * answer, and others' answers only once they have answered.
 */
export async function getThread(k: Kernel, actor: Actor, threadId: string, q: { after?: string; limit: number }) {
  const { a, thread } = await loadThread(k, actor, threadId);
  const tid = a.actor.tenant.id;
  const me = a.actor.userId;
  const state = await k.db
    .selectNoFrom((eb) => [
      eb.selectFrom("forum_people").select(sql<unknown>`json_build_object(${sql.join(standingColumns.map((c) => sql`${c}::text, ${sql.ref(c)}`))})`.as("j")).where("tenant_id", "=", tid).where("user_id", "=", me).as("standing"),
      eb.selectFrom("forum_reads").select("last_post_id").where("tenant_id", "=", tid).where("user_id", "=", me).where("thread_id", "=", threadId).as("lastRead"),
      eb
        .exists(
          eb
            .selectFrom("forum_posts")
            .select(sql`1`.as("one"))
            .where("tenant_id", "=", tid)
            .where("thread_id", "=", threadId)
            .where("author_id", "=", me)
            .where("id", "!=", thread.firstPostId ?? threadId)
            .where("status", "!=", "deleted"),
        )
        .as("answered"),
    ])
    .executeTakeFirstOrThrow();
  const raw = state.standing as Record<string, string | number | null> | null;
  const standing = raw
    ? {
        trust_floor: Number(raw.trust_floor),
        days_visited: Number(raw.days_visited),
        posts_read: Number(raw.posts_read),
        posts_made: Number(raw.posts_made),
        silenced_until: raw.silenced_until ? new Date(String(raw.silenced_until)) : null,
        suspended_until: raw.suspended_until ? new Date(String(raw.suspended_until)) : null,
      }
    : null;
  assertNotSuspended(standing);
  const answersHidden = a.forum.kind === "qanda" && !a.canModerate && !state.answered && thread.authorId !== me;
  const rows = await k.db
    .selectFrom("forum_posts as p")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "p.tenant_id").onRef("u.id", "=", "p.author_id"))
    .leftJoin("forum_posts as qp", (j) => j.onRef("qp.tenant_id", "=", "p.tenant_id").onRef("qp.id", "=", "p.quote_post_id"))
    .leftJoin("users as qu", (j) => j.onRef("qu.tenant_id", "=", "qp.tenant_id").onRef("qu.id", "=", "qp.author_id"))
    .select([
      "p.id",
      "p.author_id",
      "p.body_html",
      "p.status",
      "p.created_at",
      "p.edited_at",
      "p.flag_count",
      "p.quote_post_id",
      sql<string>`u.given_name || ' ' || u.family_name`.as("author_name"),
      sql<string | null>`case when qp.status = 'visible' then qu.given_name || ' ' || qu.family_name end`.as("quote_author"),
      sql<string | null>`case when qp.status = 'visible' then left(qp.body_plain, 240) end`.as("quote_excerpt"),
      sql<unknown>`case when p.author_id = ${me} or ${a.canModerate} then p.body_doc end`.as("doc"),
    ])
    .select((eb) => [
      eb
        .selectFrom(
          eb
            .selectFrom("forum_reactions as r2")
            .select(["r2.reaction", sql<number>`count(*)::int`.as("n"), sql<boolean>`bool_or(r2.user_id = ${me})`.as("mine")])
            .whereRef("r2.tenant_id", "=", "p.tenant_id")
            .whereRef("r2.post_id", "=", "p.id")
            .groupBy("r2.reaction")
            .as("x"),
        )
        .select(sql<{ reaction: Reaction; count: number; mine: boolean }[]>`coalesce(json_agg(json_build_object('reaction', x.reaction, 'count', x.n, 'mine', x.mine) order by x.reaction), '[]')`.as("j"))
        .as("reactions"),
      // most posts have no attachment: the files lookup runs only for those that do
      sql<{ id: string; name: string }[]>`case when p.file_ids = '[]'::jsonb then '[]'::json else (select coalesce(json_agg(json_build_object('id', f.id, 'name', f.name) order by f.name), '[]') from files f where f.tenant_id = p.tenant_id and f.id = any(array(select jsonb_array_elements_text(p.file_ids)::uuid))) end`.as("files"),
    ])
    .where("p.tenant_id", "=", tid)
    .where("p.thread_id", "=", threadId)
    .$if(!!q.after, (qb) => qb.where("p.id", ">", q.after!))
    .where((eb) =>
      a.canModerate ? eb("p.status", "!=", "deleted") : eb.or([eb("p.status", "=", "visible"), eb.and([eb("p.author_id", "=", me), eb("p.status", "!=", "deleted")])]),
    )
    .$if(answersHidden, (qb) => qb.where((eb) => eb.or([eb("p.id", "=", thread.firstPostId ?? threadId), eb("p.author_id", "=", me)])))
    .orderBy("p.id")
    .limit(q.limit + 1)
    .execute();
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page.at(-1)?.id;
  const lastRead = (state.lastRead as string | null) ?? null;
  // reading state and trust counters: posts newer than the last read mark count as read now
  const fresh = page.filter((p) => !lastRead || p.id > lastRead).length;
  if (last && (!lastRead || last > lastRead)) {
    await k.db
      .insertInto("forum_reads")
      .values({ tenant_id: tid, user_id: me, thread_id: threadId, last_post_id: last })
      .onConflict((oc) => oc.columns(["tenant_id", "user_id", "thread_id"]).doUpdateSet({ last_post_id: sql`greatest(forum_reads.last_post_id, excluded.last_post_id)`, read_at: new Date() }))
      .execute();
    const today = new Date().toISOString().slice(0, 10);
    await k.db
      .insertInto("forum_people")
      .values({ tenant_id: tid, user_id: me, posts_read: fresh, days_visited: 1, last_visit_day: today, silenced_until: null, suspended_until: null })
      .onConflict((oc) =>
        oc.columns(["tenant_id", "user_id"]).doUpdateSet({
          posts_read: sql`forum_people.posts_read + ${fresh}`,
          days_visited: sql`forum_people.days_visited + (forum_people.last_visit_day is distinct from ${today}::date)::int`,
          last_visit_day: sql`${today}::date`,
        }),
      )
      .execute();
    k.record({ tenantId: tid, actorId: me, verb: "read", objectType: "forum-thread", objectId: threadId, context: { forumId: a.forum.id, posts: fresh, courseId: a.forum.course_id } });
  }
  const silenced = active(standing?.silenced_until);
  const now = Date.now();
  const windowMs = a.forum.edit_minutes * 60_000;
  return {
    thread: { id: thread.id, title: thread.title, pinned: thread.pinned, locked: thread.locked, answerPostId: thread.answerPostId, replies: thread.replies, authorId: thread.authorId },
    forum: { id: a.forum.id, title: a.forum.title, kind: a.forum.kind, editMinutes: a.forum.edit_minutes },
    scope: a.scope,
    me: { trust: trustOf(standing), silencedUntil: silenced ? standing!.silenced_until!.toISOString() : null, canModerate: a.canModerate },
    canReply: a.canPost && !silenced && (a.canModerate || (!thread.locked && a.forum.kind !== "announcements")),
    canMarkAnswer: a.canModerate || thread.authorId === me,
    answersHidden,
    posts: page.map((p) => ({
      id: p.id,
      author: { id: p.author_id, name: p.author_name },
      html: p.body_html,
      doc: p.doc ?? null,
      status: p.status,
      createdAt: new Date(p.created_at).toISOString(),
      editedAt: p.edited_at ? new Date(p.edited_at).toISOString() : null,
      quote: p.quote_post_id && p.quote_author ? { postId: p.quote_post_id, author: p.quote_author, excerpt: p.quote_excerpt ?? "" } : null,
      files: (p.files as { id: string; name: string }[] | null) ?? [],
      reactions: (p.reactions as { reaction: Reaction; count: number; mine: boolean }[] | null) ?? [],
      flags: a.canModerate ? p.flag_count : 0,
      isAnswer: p.id === thread.answerPostId,
      canEdit: a.canModerate || (p.author_id === me && !silenced && now - new Date(p.created_at).getTime() <= windowMs),
      canFlag: p.author_id !== me && p.status === "visible",
    })),
    nextCursor: more ? (last ?? null) : null,
  };
}
