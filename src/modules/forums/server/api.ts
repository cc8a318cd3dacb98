import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";

/**
 * What other modules (notifications, mailing) use of forums. Nothing here checks an actor: the
 * caller acts for the system after a forum use case has authorised the post.
 *
 * `onForumPost(listener)`: called once per post that becomes public (new, or approved by a
 * moderator), after the transaction committed and off the request path (setImmediate), on the
 * node that handled the request only — fan out from there (the bus carries it to other nodes).
 * Payload (ForumPostEvent): tenantId, forumId, threadId, postId, authorId, courseId|null,
 * orgId|null, title (the thread's), excerpt (plain text, 280 characters), isThreadStart,
 * groupId (separate groups: only that group's members and the course's teachers may read it),
 * forumKind. A listener's errors are logged and never reach the poster.
 */
export { type ForumPostEvent, onForumPost } from "./hooks.ts";

/** A forum's title and where it lives, or undefined. */
export function forumInfo(db: Kysely<DB>, tenantId: string, forumId: string) {
  return db
    .selectFrom("forums")
    .select(["id", "title", "kind", "course_id as courseId", "org_id as orgId", "separate_groups as separateGroups"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", forumId)
    .executeTakeFirst();
}

/**
 * The people who may read a post of the forum (a thread's group given): a course forum's active
 * members (with separate groups and a group: that group's members plus teachers, assistants and
 * managers); an organisation forum's people placed at or under its node. Subscribers to notify
 * are those readers who subscribed: intersect with your own subscription table in SQL using
 * `forumReadersQuery`, rather than loading 36,000 ids.
 */
export function forumReadersQuery(db: Kysely<DB>, tenantId: string, forum: { courseId: string | null; orgId: string | null }, groupId: string | null = null) {
  if (forum.courseId) {
    return db
      .selectFrom("course_members as m")
      .select("m.user_id")
      .where("m.tenant_id", "=", tenantId)
      .where("m.course_id", "=", forum.courseId)
      .where("m.status", "=", "active")
      .$if(!!groupId, (q) =>
        q.where((eb) =>
          eb.or([
            eb("m.role", "in", ["manager", "teacher", "assistant"]),
            eb.exists(
              eb
                .selectFrom("group_members as g")
                .select(sql`1`.as("one"))
                .whereRef("g.tenant_id", "=", "m.tenant_id")
                .where("g.group_id", "=", groupId!)
                .whereRef("g.user_id", "=", "m.user_id"),
            ),
          ]),
        ),
      );
  }
  return db
    .selectFrom("role_assignments as om")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "om.tenant_id").onRef("o.id", "=", "om.org_id"))
    .select("om.user_id")
    .distinct()
    .where("om.tenant_id", "=", tenantId)
    .where("o.path", "like", sql<string>`(select x.path from orgs x where x.tenant_id = ${tenantId} and x.id = ${forum.orgId}) || '%'`);
}

/**
 * Who may read a post now: its forum's place (course or node) and its thread's group, or
 * undefined when nobody else may (the post is pending, hidden or deleted, or gone). A fan-out that
 * runs after the post was made checks this first, then intersects with `forumReadersQuery`.
 */
export async function postAudience(db: Kysely<DB>, tenantId: string, postId: string) {
  const r = await db
    .selectFrom("forum_posts as p")
    .innerJoin("forum_threads as t", (j) => j.onRef("t.tenant_id", "=", "p.tenant_id").onRef("t.id", "=", "p.thread_id"))
    .innerJoin("forums as f", (j) => j.onRef("f.tenant_id", "=", "p.tenant_id").onRef("f.id", "=", "p.forum_id"))
    .select(["f.course_id", "f.org_id", "f.separate_groups", "t.group_id"])
    .where("p.tenant_id", "=", tenantId)
    .where("p.id", "=", postId)
    .where("p.status", "=", "visible")
    .executeTakeFirst();
  if (!r) return undefined;
  return { forum: { courseId: r.course_id, orgId: r.org_id }, groupId: r.separate_groups ? r.group_id : null };
}

/**
 * A SQL condition for queries that check many people and posts at once (digests): true when the
 * person (`userId`, a column reference) may read the post (`postId`) now, by the same rules as
 * `postAudience` and `forumReadersQuery`: the post is visible, and they are an active member of its
 * course (with separate groups, of the thread's group unless they teach), or placed at or under
 * its organisation forum's node.
 */
export function mayReadPostSql(tenantId: string, userId: RawBuilder<unknown>, postId: RawBuilder<unknown>) {
  return sql<boolean>`exists (
    select 1 from forum_posts rp
      join forum_threads rt on rt.tenant_id = rp.tenant_id and rt.id = rp.thread_id
      join forums rf on rf.tenant_id = rp.tenant_id and rf.id = rp.forum_id
    where rp.tenant_id = ${tenantId} and rp.id = ${postId} and rp.status = 'visible'
      and case when rf.course_id is not null then exists (
          select 1 from course_members rm
          where rm.tenant_id = rp.tenant_id and rm.course_id = rf.course_id and rm.user_id = ${userId} and rm.status = 'active'
            and (not rf.separate_groups or rt.group_id is null or rm.role in ('manager', 'teacher', 'assistant')
              or exists (select 1 from group_members rg where rg.tenant_id = rp.tenant_id and rg.group_id = rt.group_id and rg.user_id = rm.user_id)))
        else exists (
          select 1 from role_assignments ra
            join orgs ro on ro.tenant_id = ra.tenant_id and ro.id = ra.org_id
            join orgs fo on fo.tenant_id = rf.tenant_id and fo.id = rf.org_id
          where ra.tenant_id = rp.tenant_id and ra.user_id = ${userId} and ro.path like fo.path || '%')
      end)`;
}

/** The people who may read the forum, as ids (small audiences; prefer forumReadersQuery at scale). */
export async function forumReaders(db: Kysely<DB>, tenantId: string, forumId: string, groupId: string | null = null): Promise<string[]> {
  const f = await forumInfo(db, tenantId, forumId);
  if (!f) return [];
  const rows = await forumReadersQuery(db, tenantId, f, groupId).execute();
  return rows.map((r) => r.user_id);
}
