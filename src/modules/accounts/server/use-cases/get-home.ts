import { sql } from "kysely";
import { type Actor, adminPaths, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";

/**
 * The home page's data for the person's profile. What the session already knows (name, nodes)
 * costs nothing; one statement counts members where the person teaches, works or administers,
 * and for admins the size of their branches. A learner's home therefore issues no query of its own.
 */
export async function getHome(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  const tid = actor.tenant.id;
  const admin = adminPaths(actor);
  const counted = [...new Set(actor.grants.filter((g) => g.role !== "learner" && g.role !== "parent").map((g) => g.orgId))];
  let members = new Map<string, number>();
  let adminCounts: { users: number; orgs: number; disabled: number } | null = null;
  let person = actor.person;
  if (admin.length || counted.length || !person) {
    const like = admin.map((p) => `${p}%`);
    const row = await sql<{
      person: { givenName: string; lastLoginAt: string | null };
      members: Record<string, number> | null;
      admin: { users: number; orgs: number; disabled: number } | null;
    }>`
      select
        (select json_build_object('givenName', u.given_name, 'lastLoginAt', u.last_login_at)
           from users u where u.tenant_id = ${tid} and u.id = ${actor.userId}) as person,
        (select json_object_agg(o.id, (select count(*) from role_assignments r where r.tenant_id = o.tenant_id and r.org_id = o.id))
           from orgs o where o.tenant_id = ${tid} and o.id = any(${counted}::uuid[])) as members,
        ${
          admin.length
            ? sql`(select json_build_object(
                   'orgs', (select count(*) from orgs o where o.tenant_id = ${tid} and o.archived_at is null and o.path like any(${like}::text[])),
                   'users', (select count(distinct u.id) from users u join role_assignments r on r.tenant_id = u.tenant_id and r.user_id = u.id
                             join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id
                             where u.tenant_id = ${tid} and u.status <> 'importing' and o.path like any(${like}::text[])),
                   'disabled', (select count(distinct u.id) from users u join role_assignments r on r.tenant_id = u.tenant_id and r.user_id = u.id
                             join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id
                             where u.tenant_id = ${tid} and u.status = 'disabled' and o.path like any(${like}::text[]))))`
            : sql`null`
        } as admin`.execute(k.db);
    const r = row.rows[0];
    person ??= { givenName: r.person.givenName, lastLoginAt: r.person.lastLoginAt ? new Date(r.person.lastLoginAt).toISOString() : null };
    members = new Map(Object.entries(r.members ?? {}).map(([id, n]) => [id, Number(n)]));
    adminCounts = r.admin && { users: Number(r.admin.users), orgs: Number(r.admin.orgs), disabled: Number(r.admin.disabled) };
  }
  const seen = new Set<string>();
  const orgs = actor.grants
    .filter((g) => !seen.has(g.orgId) && seen.add(g.orgId))
    .map((g) => ({ id: g.orgId, name: g.name ?? "", kind: g.kind ?? "other", role: g.role, members: members.get(g.orgId) ?? null }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { profile: actor.profile, greetingName: person.givenName, lastSignIn: person.lastLoginAt, orgs, admin: adminCounts };
}
