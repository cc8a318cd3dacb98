import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The granting platform's courses among the ids an agreement lets another platform copy, with
 * the size of what a copy takes: archived courses and templates are left out (one query).
 */
export function copyableHostCourses(db: Db, hostTenantId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("courses as c")
    .select([
      "c.id",
      "c.title",
      "c.summary",
      sql<number>`(select count(*)::int from course_sections s where s.tenant_id = c.tenant_id and s.course_id = c.id)`.as("sections"),
      sql<number>`(select count(*)::int from course_items i where i.tenant_id = c.tenant_id and i.course_id = c.id)`.as("items"),
    ])
    .where("c.tenant_id", "=", hostTenantId)
    .where("c.id", "in", ids)
    .where("c.status", "<>", "archived")
    .where("c.is_template", "=", false)
    .orderBy(sql`c.title collate "und-x-icu"`)
    .execute();
}

/** Copies made on this platform from the given source courses (by `copiedBy` only, when given), oldest first. */
export function copiesOf(db: Db, tenantId: string, sourceCourseIds: string[], copiedBy?: string) {
  if (sourceCourseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("federation_copies as f")
    .innerJoin("courses as c", (j) => j.onRef("c.tenant_id", "=", "f.tenant_id").onRef("c.id", "=", "f.course_id"))
    .select(["f.course_id", "f.source_course_id", "c.title", "f.created_at"])
    .where("f.tenant_id", "=", tenantId)
    .where("f.source_course_id", "in", sourceCourseIds)
    .$if(!!copiedBy, (q) => q.where("f.copied_by", "=", copiedBy!))
    .orderBy("f.created_at")
    .execute();
}

export async function insertCopy(
  db: Db,
  row: {
    tenant_id: string;
    course_id: string;
    agreement_id: string;
    source_tenant_id: string;
    source_platform: string;
    source_course_id: string;
    source_title: string;
    copied_by: string;
    copied_by_name: string;
  },
) {
  await db.insertInto("federation_copies").values(row).execute();
}

export function copyOrigin(db: Db, tenantId: string, courseId: string) {
  return db
    .selectFrom("federation_copies")
    .select(["agreement_id", "source_platform", "source_title", "copied_by_name", "created_at"])
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .executeTakeFirst();
}
