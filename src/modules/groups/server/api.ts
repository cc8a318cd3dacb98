import { type Kysely, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";

/**
 * What other modules (assignments, forums) ask of groups. Every function filters on the tenant
 * and the course; none checks the actor: the caller's use case has already authorised.
 */
export type GroupRef = { id: string; name: string; groupingId: string | null };

/** The groups of a course a person belongs to, optionally only those of one grouping. */
export async function groupsOf(db: Kysely<DB>, tenantId: string, courseId: string, userId: string, groupingId?: string | null): Promise<GroupRef[]> {
  let q = db
    .selectFrom("group_members as m")
    .innerJoin("course_groups as g", (j) => j.onRef("g.tenant_id", "=", "m.tenant_id").onRef("g.id", "=", "m.group_id"))
    .select(["g.id", "g.name", "g.grouping_id as groupingId"])
    .where("m.tenant_id", "=", tenantId)
    .where("m.course_id", "=", courseId)
    .where("m.user_id", "=", userId);
  if (groupingId) q = q.where("g.grouping_id", "=", groupingId);
  return q.orderBy(sql`g.name collate "und-x-icu"`).execute();
}

/** Members of a group of the course, with their names (empty when the group is not in the course). */
export function membersOf(db: Kysely<DB>, tenantId: string, groupId: string, courseId?: string): Promise<{ id: string; name: string }[]> {
  let q = db
    .selectFrom("group_members as m")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "m.tenant_id").onRef("u.id", "=", "m.user_id"))
    .select(["u.id", sql<string>`u.given_name || ' ' || u.family_name`.as("name")])
    .where("m.tenant_id", "=", tenantId)
    .where("m.group_id", "=", groupId);
  if (courseId) q = q.where("m.course_id", "=", courseId);
  return q.orderBy(sql`u.family_name collate "und-x-icu"`).orderBy(sql`u.given_name collate "und-x-icu"`).execute();
}

/** Members of several groups at once: group id → member ids. */
export async function memberIdsOf(db: Kysely<DB>, tenantId: string, groupIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(groupIds.map((g) => [g, []]));
  if (groupIds.length === 0) return out;
  const rows = await db
    .selectFrom("group_members")
    .select(["group_id", "user_id"])
    .where("tenant_id", "=", tenantId)
    .where("group_id", "in", groupIds)
    .execute();
  for (const r of rows) out.get(r.group_id)?.push(r.user_id);
  return out;
}

/** The groups of a course (optionally of one grouping), for pickers and lists. */
export function courseGroups(db: Kysely<DB>, tenantId: string, courseId: string, groupingId?: string | null): Promise<GroupRef[]> {
  let q = db
    .selectFrom("course_groups")
    .select(["id", "name", "grouping_id as groupingId"])
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId);
  if (groupingId) q = q.where("grouping_id", "=", groupingId);
  return q.orderBy(sql`name collate "und-x-icu"`).orderBy("id").execute();
}

/** A group of the course, or undefined. */
export function findGroup(db: Kysely<DB>, tenantId: string, courseId: string, groupId: string) {
  return db
    .selectFrom("course_groups")
    .select(["id", "name", "grouping_id as groupingId"])
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .where("id", "=", groupId)
    .executeTakeFirst();
}

/** A grouping of the course, or undefined. */
export function findGrouping(db: Kysely<DB>, tenantId: string, courseId: string, groupingId: string) {
  return db
    .selectFrom("course_groupings")
    .select(["id", "name"])
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .where("id", "=", groupingId)
    .executeTakeFirst();
}
