import { sql } from "kysely";
import { type Actor, adminPaths, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";

/**
 * The home page's data for the person's profile, in one statement: their nodes with member
 * counts, and for admins the size of their branches. Later issues add what is due, news...
 */
export async function getHome(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  const tid = actor.tenant.id;
  const admin = adminPaths(actor);
  const nodeIds = actor.grants.map((g) => g.orgId);
  const row = await sql<{
    user: { given_name: string; profile: string; last_login_at: string | null };
    orgs: { id: string; name: string; kind: string; members: number }[] | null;
    admin: { users: number; orgs: number; disabled: number } | null;
  }>`
    select
      (select json_build_object('given_name', u.given_name, 'profile', u.profile, 'last_login_at', u.last_login_at)
         from users u where u.tenant_id = ${tid} and u.id = ${actor.userId}) as "user",
      (select json_agg(json_build_object('id', o.id, 'name', o.name, 'kind', o.kind,
                'members', (select count(*) from role_assignments r where r.tenant_id = o.tenant_id and r.org_id = o.id)) order by o.name)
         from orgs o where o.tenant_id = ${tid} and o.id = any(${nodeIds}::uuid[]) and o.archived_at is null) as orgs,
      ${
        admin.length
          ? sql`(select json_build_object(
                 'orgs', (select count(*) from orgs o where o.tenant_id = ${tid} and o.archived_at is null and o.path like any(${admin.map((p) => `${p}%`)}::text[])),
                 'users', (select count(distinct u.id) from users u join role_assignments r on r.tenant_id = u.tenant_id and r.user_id = u.id
                           join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id
                           where u.tenant_id = ${tid} and u.status <> 'importing' and o.path like any(${admin.map((p) => `${p}%`)}::text[])),
                 'disabled', (select count(distinct u.id) from users u join role_assignments r on r.tenant_id = u.tenant_id and r.user_id = u.id
                           join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id
                           where u.tenant_id = ${tid} and u.status = 'disabled' and o.path like any(${admin.map((p) => `${p}%`)}::text[]))))`
          : sql`null`
      } as admin`.execute(k.db);
  const r = row.rows[0];
  const roleOf = new Map(actor.grants.map((g) => [g.orgId, g.role]));
  return {
    profile: actor.profile,
    greetingName: r.user.given_name,
    lastSignIn: r.user.last_login_at ? new Date(r.user.last_login_at).toISOString() : null,
    orgs: (r.orgs ?? []).map((o) => ({ ...o, members: Number(o.members), role: roleOf.get(o.id)! })),
    admin: r.admin ? { users: Number(r.admin.users), orgs: Number(r.admin.orgs), disabled: Number(r.admin.disabled) } : null,
  };
}
