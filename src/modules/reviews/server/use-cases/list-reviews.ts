import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/index.ts";
import { REVIEWS_PAGE } from "../../shared/contract.ts";
import { present } from "../stats.ts";

/**
 * A course's rating and its reviews, newest first. Hidden reviews are seen by moderators (admins
 * of the course's node) and by their authors only. Two queries whatever the number of reviews.
 */
export async function listReviews(k: Kernel, actor: Actor, courseId: string, page: number) {
  const a = await loadCourse(k.db, actor, courseId);
  const me = actor.kind === "user" ? actor.userId : "";
  const tid = a.course.tenant_id;
  const rows = await k.db
    .selectFrom("course_reviews as r")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "r.tenant_id").onRef("u.id", "=", "r.user_id"))
    .leftJoin("users as ru", (j) => j.onRef("ru.tenant_id", "=", "r.tenant_id").onRef("ru.id", "=", "r.reply_by"))
    .leftJoin("course_rating_stats as s", (j) => j.onRef("s.tenant_id", "=", "r.tenant_id").onRef("s.course_id", "=", "r.course_id"))
    .select([
      "r.id",
      "r.user_id",
      "r.stars",
      "r.body",
      "r.status",
      "r.flag_count",
      "r.reply",
      "r.reply_at",
      "r.created_at",
      "r.updated_at",
      sql<string>`u.given_name || ' ' || u.family_name`.as("author"),
      sql<string | null>`ru.given_name || ' ' || ru.family_name`.as("reply_by"),
      sql<number>`count(*) over ()`.as("total"),
    ])
    .where("r.tenant_id", "=", tid)
    .where("r.course_id", "=", courseId)
    .$if(!a.orgAdmin, (q) => q.where((eb) => eb.or([eb("r.status", "=", "visible"), eb("r.user_id", "=", me)])))
    .orderBy(sql`r.user_id = ${me}`, "desc")
    .orderBy("r.id", "desc")
    .limit(REVIEWS_PAGE)
    .offset((page - 1) * REVIEWS_PAGE)
    .execute();
  const stats = await k.db.selectFrom("course_rating_stats").select(["count", "total"]).where("tenant_id", "=", tid).where("course_id", "=", courseId).executeTakeFirst();
  const items = rows.map((r) => ({
    id: r.id,
    author: { id: r.user_id, name: r.author },
    stars: r.stars,
    body: r.body,
    status: r.status,
    flags: a.orgAdmin ? r.flag_count : 0,
    reply: r.reply && r.reply_at ? { text: r.reply, by: r.reply_by ?? "", at: new Date(r.reply_at).toISOString() } : null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    mine: r.user_id === me,
  }));
  return {
    ...present(stats),
    canReview: a.isLearner,
    canReply: a.canTeach,
    canModerate: a.orgAdmin,
    mine: items.find((r) => r.mine) ?? null,
    items,
    total: Number(rows[0]?.total ?? 0),
    page,
    pageSize: REVIEWS_PAGE,
  };
}
