import { type Kysely, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";

type Db = Kysely<DB>;
const fullName = sql<string>`u.given_name || ' ' || u.family_name`;

export type GroupingRow = { id: string; name: string; self_select: boolean; max_members: number | null; opens_at: Date | null; closes_at: Date | null };
export type GroupRow = { id: string; name: string; grouping_id: string | null; course_id: string };

export const listGroupings = (db: Db, tid: string, courseId: string) =>
  db
    .selectFrom("course_groupings")
    .select(["id", "name", "self_select", "max_members", "opens_at", "closes_at"])
    .where("tenant_id", "=", tid)
    .where("course_id", "=", courseId)
    .orderBy(sql`name collate "und-x-icu"`)
    .execute() as Promise<GroupingRow[]>;

export const findGrouping = (db: Db, tid: string, courseId: string, id: string) =>
  db
    .selectFrom("course_groupings")
    .select(["id", "name", "self_select", "max_members", "opens_at", "closes_at"])
    .where("tenant_id", "=", tid)
    .where("course_id", "=", courseId)
    .where("id", "=", id)
    .executeTakeFirst() as Promise<GroupingRow | undefined>;

export const listGroupRows = (db: Db, tid: string, courseId: string) =>
  db
    .selectFrom("course_groups")
    .select(["id", "name", "grouping_id", "course_id"])
    .where("tenant_id", "=", tid)
    .where("course_id", "=", courseId)
    .orderBy(sql`name collate "und-x-icu"`)
    .orderBy("id")
    .execute();

export const findGroupRow = (db: Db, tid: string, courseId: string, id: string) =>
  db
    .selectFrom("course_groups")
    .select(["id", "name", "grouping_id", "course_id"])
    .where("tenant_id", "=", tid)
    .where("course_id", "=", courseId)
    .where("id", "=", id)
    .executeTakeFirst();

/** Members of the given groups (or of every group of the course), with names, sorted by name. */
export function memberRows(db: Db, tid: string, courseId: string, groupIds?: string[]) {
  let q = db
    .selectFrom("group_members as m")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "m.tenant_id").onRef("u.id", "=", "m.user_id"))
    .select(["m.group_id", "m.user_id", fullName.as("name")])
    .where("m.tenant_id", "=", tid)
    .where("m.course_id", "=", courseId);
  if (groupIds) {
    if (groupIds.length === 0) return Promise.resolve([]);
    q = q.where("m.group_id", "in", groupIds);
  }
  return q.orderBy(sql`u.family_name collate "und-x-icu"`).orderBy(sql`u.given_name collate "und-x-icu"`).execute();
}

/** Active learners of a course, sorted by name. */
export const courseLearners = (db: Db, tid: string, courseId: string) =>
  db
    .selectFrom("course_members as cm")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "cm.tenant_id").onRef("u.id", "=", "cm.user_id"))
    .select(["u.id", fullName.as("name"), "u.username", "u.email", "u.given_name", "u.family_name"])
    .where("cm.tenant_id", "=", tid)
    .where("cm.course_id", "=", courseId)
    .where("cm.role", "=", "learner")
    .where("cm.status", "=", "active")
    .orderBy(sql`u.family_name collate "und-x-icu"`)
    .orderBy(sql`u.given_name collate "und-x-icu"`)
    .orderBy("u.id")
    .execute();

export async function addMembers(db: Db, tid: string, courseId: string, groupId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  await db
    .insertInto("group_members")
    .values(userIds.map((user_id) => ({ tenant_id: tid, group_id: groupId, user_id, course_id: courseId })))
    .onConflict((oc) => oc.columns(["tenant_id", "group_id", "user_id"]).doNothing())
    .execute();
}
