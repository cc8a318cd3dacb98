import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { moderatorsPage } from "../access.ts";

/**
 * What waits for a moderator, oldest first: pending posts, posts hidden by flags, and visible
 * posts with open flags. Per forum for its moderators, or across the platform for its admins.
 */
export async function reviewQueue(k: Kernel, actor: Actor, forumId?: string) {
  const { tenantId, title } = await moderatorsPage(k, actor, forumId);
  const rows = await k.db
    .selectFrom("forum_posts as p")
    .innerJoin("forum_threads as t", (j) => j.onRef("t.tenant_id", "=", "p.tenant_id").onRef("t.id", "=", "p.thread_id"))
    .innerJoin("forums as f", (j) => j.onRef("f.tenant_id", "=", "p.tenant_id").onRef("f.id", "=", "p.forum_id"))
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "p.tenant_id").onRef("u.id", "=", "p.author_id"))
    .select([
      "p.id",
      "p.thread_id",
      "t.title as thread_title",
      "p.forum_id",
      "f.title as forum_title",
      "p.author_id",
      sql<string>`u.given_name || ' ' || u.family_name`.as("author_name"),
      "p.body_html",
      "p.status",
      "p.created_at",
    ])
    .select((eb) =>
      eb
        .selectFrom("forum_flags as fl")
        .leftJoin("users as fu", (j) => j.onRef("fu.tenant_id", "=", "fl.tenant_id").onRef("fu.id", "=", "fl.user_id"))
        .select(sql<{ reason: string; note: string; by: string | null }[]>`coalesce(json_agg(json_build_object('reason', fl.reason, 'note', fl.note, 'by', fu.given_name || ' ' || fu.family_name) order by fl.created_at), '[]')`.as("j"))
        .whereRef("fl.tenant_id", "=", "p.tenant_id")
        .whereRef("fl.post_id", "=", "p.id")
        .where("fl.resolved_at", "is", null)
        .as("flags"),
    )
    .where("p.tenant_id", "=", tenantId)
    .$if(!!forumId, (q) => q.where("p.forum_id", "=", forumId!))
    .where((eb) => eb.or([eb("p.status", "in", ["pending", "hidden"]), eb("p.flag_count", ">", 0)]))
    .where((eb) =>
      eb.or([
        eb("p.status", "=", "pending"),
        eb.exists(eb.selectFrom("forum_flags as o").select(sql`1`.as("one")).whereRef("o.tenant_id", "=", "p.tenant_id").whereRef("o.post_id", "=", "p.id").where("o.resolved_at", "is", null)),
      ]),
    )
    .orderBy("p.id")
    .limit(200)
    .execute();
  return {
    title,
    items: rows.map((r) => ({
      postId: r.id,
      threadId: r.thread_id,
      threadTitle: r.thread_title,
      forumId: r.forum_id,
      forumTitle: r.forum_title,
      author: { id: r.author_id, name: r.author_name },
      html: r.body_html,
      status: r.status,
      createdAt: new Date(r.created_at).toISOString(),
      flags: (r.flags as { reason: string; note: string; by: string | null }[] | null) ?? [],
    })),
  };
}
