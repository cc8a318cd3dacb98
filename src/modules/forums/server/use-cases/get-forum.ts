import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { THREADS_PAGE } from "../../shared/contract.ts";
import { active, assertNotSuspended, loadForum, loadStanding, presentForum, trustOf } from "../access.ts";

/**
 * A forum and a page of its threads: pinned first, then by latest activity, each marked unread
 * when it has posts after the last one the person read. Constant queries whatever the size.
 */
export async function getForum(k: Kernel, actor: Actor, forumId: string, page: number) {
  const a = await loadForum(k, actor, forumId);
  const tid = a.actor.tenant.id;
  const standing = await loadStanding(k.db, tid, a.actor.userId);
  assertNotSuspended(standing);
  const rows = await k.db
    .selectFrom("forum_threads as t")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "t.tenant_id").onRef("u.id", "=", "t.author_id"))
    .leftJoin("course_groups as g", (j) => j.onRef("g.tenant_id", "=", "t.tenant_id").onRef("g.id", "=", "t.group_id"))
    .leftJoin("forum_reads as r", (j) => j.onRef("r.tenant_id", "=", "t.tenant_id").onRef("r.thread_id", "=", "t.id").on("r.user_id", "=", a.actor.userId))
    .select([
      "t.id",
      "t.title",
      "t.author_id",
      "t.pinned",
      "t.locked",
      "t.answer_post_id",
      "t.reply_count",
      "t.last_post_at",
      "g.name as group_name",
      sql<string>`u.given_name || ' ' || u.family_name`.as("author_name"),
      sql<boolean>`r.last_post_id is null or r.last_post_id < t.last_post_id`.as("unread"),
      sql<number>`count(*) over ()`.as("total"),
    ])
    .where("t.tenant_id", "=", tid)
    .where("t.forum_id", "=", forumId)
    .$if(!a.canModerate, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("forum_posts as fp")
            .select(sql`1`.as("one"))
            .whereRef("fp.tenant_id", "=", "t.tenant_id")
            .whereRef("fp.id", "=", "t.first_post_id")
            .where((e) => e.or([e("fp.status", "=", "visible"), e("fp.author_id", "=", a.actor.userId)]))
            .where("fp.status", "!=", "deleted"),
        ),
      ),
    )
    .$if(a.groupIds !== null, (q) => q.where((eb) => eb.or([eb("t.group_id", "is", null), ...(a.groupIds!.length ? [eb("t.group_id", "in", a.groupIds!)] : [])])))
    .orderBy("t.pinned", "desc")
    .orderBy("t.last_post_at", "desc")
    .orderBy("t.id", "desc")
    .limit(THREADS_PAGE)
    .offset((page - 1) * THREADS_PAGE)
    .execute();
  const { forum } = a;
  const canStartThread =
    a.canPost &&
    !active(standing?.silenced_until) &&
    (forum.kind === "announcements" ? a.canModerate : forum.kind === "single" ? false : true);
  return {
    forum: presentForum(forum, { threads: Number(rows[0]?.total ?? 0) }),
    scope: a.scope,
    me: { trust: trustOf(standing), silencedUntil: active(standing?.silenced_until) ? standing!.silenced_until!.toISOString() : null, canModerate: a.canModerate },
    canStartThread,
    groups: a.groups,
    threads: rows.map((r) => ({
      id: r.id,
      title: r.title,
      author: { id: r.author_id, name: r.author_name },
      groupName: r.group_name,
      pinned: r.pinned,
      locked: r.locked,
      answered: r.answer_post_id !== null,
      replies: r.reply_count,
      lastPostAt: new Date(r.last_post_at).toISOString(),
      unread: !!r.unread,
    })),
    total: Number(rows[0]?.total ?? 0),
    page,
    pageSize: THREADS_PAGE,
  };
}
