import { sql } from "kysely";
import { type Actor, adminPaths, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";

/** Courses I teach (and their groups), and the nodes I manage as admin or staff. */
export async function listAudiences(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  const managed = [...new Set([...adminPaths(actor), ...actor.grants.filter((g) => g.role === "staff").map((g) => g.path)])];
  const courses = await sql<{ id: string; title: string; groups: { id: string; name: string }[] }>`
    select c.id, c.title,
      (select coalesce(json_agg(json_build_object('id', g.id, 'name', g.name) order by g.name), '[]') from course_groups g where g.tenant_id = c.tenant_id and g.course_id = c.id) as groups
    from courses c join orgs o on o.tenant_id = c.tenant_id and o.id = c.org_id
    where c.tenant_id = ${tid} and c.status <> 'archived' and (
      exists (select 1 from course_members m where m.tenant_id = c.tenant_id and m.course_id = c.id and m.user_id = ${actor.userId} and m.status = 'active' and m.role in ('manager', 'teacher', 'assistant'))
      ${managed.length ? sql`or o.path like any(${managed.map((p) => `${p}%`)}::text[])` : sql``})
    order by c.title collate "und-x-icu" limit 200`.execute(k.db);
  const orgs = managed.length
    ? await sql<{
        id: string;
        name: string;
      }>`select id, name from orgs where tenant_id = ${tid} and archived_at is null and path like any(${managed.map((p) => `${p}%`)}::text[]) order by path limit 200`.execute(
        k.db,
      )
    : { rows: [] };
  return { courses: courses.rows, orgs: orgs.rows };
}
