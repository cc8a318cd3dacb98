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
 * A SQL condition for queries that check many people and posts at once (digests, the notification
 * centre's feed, the fan-out): true when the person (`userId`, a column reference) may read the post
 * (`postId`) now: the post is visible, and they are an active member of its course (with separate
 * groups, of the thread's group unless they teach), or placed at or under its organisation
 * forum's node, or above it as a teacher, staff or admin (access.ts mayReadOrgForum).
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
          where ra.tenant_id = rp.tenant_id and ra.user_id = ${userId}
            and (ro.path like fo.path || '%' or (ra.role in ('teacher', 'staff', 'admin') and fo.path like ro.path || '%')))
      end)`;
}

/** Whether the person may read the thread now (it has a post they may read): who may follow it live. */
export async function mayReadThread(db: Kysely<DB>, tenantId: string, userId: string, threadId: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select exists (
    select 1 from forum_posts p
    where p.tenant_id = ${tenantId} and p.thread_id = ${threadId} and p.status = 'visible'
      and ${mayReadPostSql(tenantId, sql`${userId}::uuid`, sql.ref("p.id"))}) as ok`.execute(db);
  return r.rows[0]?.ok === true;
}

/**
 * The latest announcements (threads of announcement forums, not limited to a group) of the
 * courses `people` follow and of the organisation nodes at or above `paths` (where the reader is
 * placed): a JSON array, newest first, for the school day page (one statement composed by the
 * caller; `people` selects user ids).
 */
export function announcementsSql(tenantId: string, people: RawBuilder<unknown>, paths: string[]): RawBuilder<unknown> {
  return sql`(select coalesce(json_agg(x), '[]') from (
    select t.id as "threadId", t.title, f.id as "forumId", f.title as "forumTitle", t.created_at as "at"
    from forums f
    join forum_threads t on t.tenant_id = f.tenant_id and t.forum_id = f.id and t.group_id is null
    join forum_posts p on p.tenant_id = t.tenant_id and p.id = t.first_post_id and p.status = 'visible'
    where f.tenant_id = ${tenantId} and f.kind = 'announcements'
      and (exists (select 1 from orgs fo, unnest(${paths}::text[]) gp where fo.tenant_id = f.tenant_id and fo.id = f.org_id and gp like fo.path || '%')
        or f.course_id in (select m.course_id from course_members m
        where m.tenant_id = f.tenant_id and m.user_id in (${people}) and m.status = 'active'))
    order by t.created_at desc limit 5) x)`;
}
