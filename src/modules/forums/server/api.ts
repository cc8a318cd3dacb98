import { type Kysely, sql } from "kysely";
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

/** The people who may read the forum, as ids (small audiences; prefer forumReadersQuery at scale). */
export async function forumReaders(db: Kysely<DB>, tenantId: string, forumId: string, groupId: string | null = null): Promise<string[]> {
  const f = await forumInfo(db, tenantId, forumId);
  if (!f) return [];
  const rows = await forumReadersQuery(db, tenantId, f, groupId).execute();
  return rows.map((r) => r.user_id);
}
