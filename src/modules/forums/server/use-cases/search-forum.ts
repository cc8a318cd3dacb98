import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { fold } from "../../../courses/server/search.ts";
import { assertNotSuspended, loadForum, loadStanding } from "../access.ts";

/**
 * Full-text search in a forum's visible posts (words without case or accents, 'simple' config:
 * forums mix languages), best first. Threads of other groups are left out; in a Q&A forum a
 * learner finds questions and their own answers only.
 */
export async function searchForum(k: Kernel, actor: Actor, forumId: string, q: string) {
  const a = await loadForum(k, actor, forumId);
  const tid = a.actor.tenant.id;
  assertNotSuspended(await loadStanding(k.db, tid, a.actor.userId));
  const query = sql`websearch_to_tsquery('simple', ${fold(q)})`;
  const rows = await k.db
    .selectFrom("forum_posts as p")
    .innerJoin("forum_threads as t", (j) => j.onRef("t.tenant_id", "=", "p.tenant_id").onRef("t.id", "=", "p.thread_id"))
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "p.tenant_id").onRef("u.id", "=", "p.author_id"))
    .select(["p.id", "p.thread_id", "t.title", "p.created_at", sql<string>`left(p.body_plain, 240)`.as("excerpt"), sql<string>`u.given_name || ' ' || u.family_name`.as("author")])
    .where("p.tenant_id", "=", tid)
    .where("p.forum_id", "=", forumId)
    .where("p.status", "=", "visible")
    .where(sql<boolean>`p.search @@ ${query}`)
    .$if(a.groupIds !== null, (qb) => qb.where((eb) => eb.or([eb("t.group_id", "is", null), ...(a.groupIds!.length ? [eb("t.group_id", "in", a.groupIds!)] : [])])))
    .$if(a.forum.kind === "qanda" && !a.canModerate, (qb) => qb.where((eb) => eb.or([eb("p.id", "=", eb.ref("t.first_post_id")), eb("p.author_id", "=", a.actor.userId)])))
    .orderBy(sql`ts_rank(p.search, ${query})`, "desc")
    .orderBy("p.id", "desc")
    .limit(50)
    .execute();
  return {
    items: rows.map((r) => ({ postId: r.id, threadId: r.thread_id, threadTitle: r.title, author: r.author, excerpt: r.excerpt, createdAt: new Date(r.created_at).toISOString() })),
  };
}
