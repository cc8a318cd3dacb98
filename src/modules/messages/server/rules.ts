import { type RawBuilder, sql } from "kysely";
import type { UserActor } from "../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { childrenTeachersSql } from "../../school/server/index.ts";
import { DEFAULT_RULES, type Relation, type RuleProfile } from "../shared/rules.ts";

/** Every node above or at one of the actor's grants (paths like /root/school/class/). */
const ancestorPaths = (actor: UserActor) => {
  const out = new Set<string>();
  for (const g of actor.grants) {
    const parts = g.path.split("/").filter(Boolean);
    for (let i = 1; i <= parts.length; i++) out.add(`/${parts.slice(0, i).join("/")}/`);
  }
  return [...out];
};

/** The relations the actor may start conversations along: the nearest node's rule for their profile, else the defaults. */
export async function rulesFor(k: Kernel, actor: UserActor): Promise<{ relations: Relation[]; orgId: string | null }> {
  const paths = ancestorPaths(actor);
  if (paths.length) {
    const r = await k.db
      .selectFrom("message_rules as m")
      .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "m.tenant_id").onRef("o.id", "=", "m.org_id"))
      .select(["m.relations", "m.org_id"])
      .where("m.tenant_id", "=", actor.tenant.id)
      .where("m.profile", "=", actor.profile)
      .where("o.path", "=", sql<string>`any(${paths}::text[])`)
      .orderBy(sql`length(o.path)`, "desc")
      .limit(1)
      .executeTakeFirst();
    if (r) return { relations: r.relations as Relation[], orgId: r.org_id };
  }
  return { relations: DEFAULT_RULES[actor.profile as RuleProfile] ?? [], orgId: null };
}

/** SQL giving the ids of the people reachable along one relation. */
function relationSql(actor: UserActor, rel: Relation): RawBuilder<unknown> | null {
  const t = actor.tenant.id;
  const me = actor.userId;
  switch (rel) {
    case "anyone":
      return sql`select id as user_id from users where tenant_id = ${t} and status = 'active'`;
    case "classmates":
    case "class_teachers":
      return sql`select r2.user_id from role_assignments r1
        join orgs o on o.tenant_id = r1.tenant_id and o.id = r1.org_id and o.kind in ('class', 'group')
        join role_assignments r2 on r2.tenant_id = r1.tenant_id and r2.org_id = r1.org_id and r2.role = ${rel === "classmates" ? "learner" : "teacher"}
        where r1.tenant_id = ${t} and r1.user_id = ${me}`;
    case "course_mates":
    case "course_teachers":
      return sql`select m2.user_id from course_members m1
        join course_members m2 on m2.tenant_id = m1.tenant_id and m2.course_id = m1.course_id and m2.status = 'active'
          and m2.role = any(${rel === "course_mates" ? ["learner"] : ["teacher", "manager", "assistant"]}::text[])
        where m1.tenant_id = ${t} and m1.user_id = ${me} and m1.status = 'active'`;
    case "staff": {
      const paths = ancestorPaths(actor);
      if (!paths.length) return null;
      return sql`select r.user_id from role_assignments r join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id
        where r.tenant_id = ${t} and r.role in ('staff', 'admin') and o.path = any(${paths}::text[])`;
    }
    case "children_teachers":
      // parent–child links are the school module's
      return childrenTeachersSql(t, me);
  }
}

export type Reachable = { id: string; given_name: string; family_name: string; profile: string };

/**
 * People the actor may start a conversation with, among `ids` or matching `q` (names, username),
 * in one query whatever the rules: a UNION of one subquery per relation, joined to users.
 */
export async function reachablePeople(
  k: Kernel,
  actor: UserActor,
  relations: Relation[],
  opts: { ids?: string[]; q?: string; limit: number },
): Promise<Reachable[]> {
  const parts = relations.map((r) => relationSql(actor, r)).filter((p): p is RawBuilder<unknown> => p !== null);
  if (parts.length === 0) return [];
  const union = sql.join(parts, sql` union `);
  const idFilter = opts.ids ? sql`and u.id = any(${opts.ids}::uuid[])` : sql``;
  const like = opts.q ? `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const qFilter = like
    ? sql`and (u.given_name || ' ' || u.family_name ilike ${like} or u.family_name || ' ' || u.given_name ilike ${like} or u.username ilike ${like})`
    : sql``;
  const r = await sql<Reachable>`
    select u.id, u.given_name, u.family_name, u.profile from users u
    where u.tenant_id = ${actor.tenant.id} and u.status = 'active' and u.id <> ${actor.userId}
      and u.id in (${union}) ${idFilter} ${qFilter}
    order by u.family_name collate "und-x-icu", u.given_name collate "und-x-icu"
    limit ${opts.limit}`.execute(k.db);
  return r.rows;
}
