import { type Kysely, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";

/**
 * Recomputes a course's aggregate from its visible reviews (one statement, inside the caller's
 * transaction): the catalogue reads it with a primary-key join instead of averaging reviews.
 */
export async function refreshRating(db: Kysely<DB>, tenantId: string, courseId: string) {
  const row = await db
    .insertInto("course_rating_stats")
    .columns(["tenant_id", "course_id", "count", "total"])
    .expression(
      db
        .selectFrom("course_reviews")
        .select([sql<string>`${tenantId}::uuid`.as("tenant_id"), sql<string>`${courseId}::uuid`.as("course_id"), sql<number>`count(*)::int`.as("count"), sql<number>`coalesce(sum(stars), 0)::int`.as("total")])
        .where("tenant_id", "=", tenantId)
        .where("course_id", "=", courseId)
        .where("status", "=", "visible"),
    )
    .onConflict((oc) => oc.columns(["tenant_id", "course_id"]).doUpdateSet({ count: sql`excluded.count`, total: sql`excluded.total` }))
    .returning(["count", "total"])
    .executeTakeFirstOrThrow();
  return present(row);
}

export const present = (r: { count: number; total: number } | undefined | null) => ({
  count: r?.count ?? 0,
  average: r && r.count > 0 ? Math.round((r.total / r.count) * 10) / 10 : null,
});
