import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { moderatorsPage } from "../access.ts";

/** The moderators' log, newest first: a forum's for its moderators, the platform's for its admins. */
export async function moderationLog(k: Kernel, actor: Actor, forumId?: string) {
  const { tenantId, title } = await moderatorsPage(k, actor, forumId);
  const rows = await k.db
    .selectFrom("forum_mod_log as l")
    .leftJoin("users as m", (j) => j.onRef("m.tenant_id", "=", "l.tenant_id").onRef("m.id", "=", "l.moderator_id"))
    .leftJoin("users as t", (j) => j.onRef("t.tenant_id", "=", "l.tenant_id").onRef("t.id", "=", "l.target_user_id"))
    .leftJoin("forums as f", (j) => j.onRef("f.tenant_id", "=", "l.tenant_id").onRef("f.id", "=", "l.forum_id"))
    .select([
      "l.id",
      "l.action",
      "l.reason",
      "l.post_id",
      "l.until",
      "l.created_at",
      "f.title as forum_title",
      sql<string | null>`m.given_name || ' ' || m.family_name`.as("moderator"),
      sql<string | null>`t.given_name || ' ' || t.family_name`.as("target"),
    ])
    .where("l.tenant_id", "=", tenantId)
    .$if(!!forumId, (q) => q.where("l.forum_id", "=", forumId!))
    .orderBy("l.id", "desc")
    .limit(200)
    .execute();
  return {
    title,
    items: rows.map((r) => ({
      id: r.id,
      action: r.action,
      reason: r.reason,
      moderator: r.moderator,
      target: r.target,
      postId: r.post_id,
      forumTitle: r.forum_title,
      until: r.until ? new Date(r.until).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}
