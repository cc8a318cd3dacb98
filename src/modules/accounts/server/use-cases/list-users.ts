import { sql } from "kysely";
import { type Actor, adminPaths, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { visibleOrg } from "../../../orgs/server/index.ts";
import type { Profile } from "../../../../kernel/db/schema.ts";
import { presentUsers } from "../people.ts";

export type UserQuery = { q?: string; orgId?: string; profile?: Profile; status?: "active" | "disabled"; page: number; pageSize: number };

/**
 * People placed in the branches the actor administers (a platform admin also sees people placed
 * nowhere). Two queries per page whatever the platform's size.
 */
export async function listUsers(k: Kernel, actor: Actor, f: UserQuery) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  const paths = adminPaths(actor);
  if (paths.length === 0) return { items: [], total: 0, page: f.page, pageSize: f.pageSize };
  const rootAdmin = paths.some((p) => p === `/${actor.tenant.rootOrgId}/`);
  const within = f.orgId ? (await visibleOrg(k.db, actor, f.orgId)).path : null;
  const tid = actor.tenant.id;
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await k.db
    .selectFrom("users as u")
    .selectAll("u")
    .select(sql<number>`count(*) over ()`.as("total"))
    .where("u.tenant_id", "=", tid)
    .where("u.status", "!=", "importing")
    .$if(!rootAdmin, (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom("role_assignments as r")
            .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "r.tenant_id").onRef("o.id", "=", "r.org_id"))
            .select(sql`1`.as("one"))
            .whereRef("r.tenant_id", "=", "u.tenant_id")
            .whereRef("r.user_id", "=", "u.id")
            .where((eb) => eb.or(paths.map((p) => eb("o.path", "like", `${p}%`)))),
        ),
      ),
    )
    .$if(within !== null, (q) =>
      q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom("role_assignments as r2")
            .innerJoin("orgs as o2", (j) => j.onRef("o2.tenant_id", "=", "r2.tenant_id").onRef("o2.id", "=", "r2.org_id"))
            .select(sql`1`.as("one"))
            .whereRef("r2.tenant_id", "=", "u.tenant_id")
            .whereRef("r2.user_id", "=", "u.id")
            .where("o2.path", "like", `${within}%`),
        ),
      ),
    )
    .$if(!!like, (q) =>
      q.where((eb) =>
        eb.or([
          eb("u.username", "ilike", like!),
          eb("u.email", "ilike", like!),
          eb(sql`u.given_name || ' ' || u.family_name`, "ilike", like!),
          eb(sql`u.family_name || ' ' || u.given_name`, "ilike", like!),
        ]),
      ),
    )
    .$if(!!f.profile, (q) => q.where("u.profile", "=", f.profile!))
    .$if(!!f.status, (q) => q.where("u.status", "=", f.status!))
    .orderBy(sql`u.family_name collate "und-x-icu"`)
    .orderBy(sql`u.given_name collate "und-x-icu"`)
    .orderBy("u.id")
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items: await presentUsers(k.db, tid, rows), total: rows[0]?.total ?? 0, page: f.page, pageSize: f.pageSize };
}
