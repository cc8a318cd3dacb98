import { type Kysely, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";

export const listGroupingsOf = (db: Kysely<DB>, tid: string, courseId: string) =>
  db
    .selectFrom("course_groupings")
    .select(["id", "name"])
    .where("tenant_id", "=", tid)
    .where("course_id", "=", courseId)
    .orderBy(sql`name collate "und-x-icu"`)
    .execute();

export const namesOf = async (db: Kysely<DB>, tid: string, ids: string[]) => {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom("users")
    .select(["id", sql<string>`given_name || ' ' || family_name`.as("name")])
    .where("tenant_id", "=", tid)
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
};
