import { sql } from "kysely";
import type { UserActor } from "../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../kernel/errors.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../courses/server/access.ts";
import type { Audience } from "../shared/contract.ts";

/** Staff or admin placed at or above the node: they write to everyone under it. */
export const managesOrg = (actor: UserActor, path: string) => actor.grants.some((g) => (g.role === "admin" || g.role === "staff") && path.startsWith(g.path));

/** Checks the actor may write to the audience (course: teaches it; node: admin or staff above it) and gives its label. */
export async function authorizeAudience(k: Kernel, actor: UserActor, a: Audience): Promise<{ label: string }> {
  if (a.kind === "course") {
    const c = await loadCourse(k.db, actor, a.courseId);
    requireCourse(c, "teach");
    if (a.groupId) {
      const g = await k.db
        .selectFrom("course_groups")
        .select("id")
        .where("tenant_id", "=", actor.tenant.id)
        .where("course_id", "=", a.courseId)
        .where("id", "=", a.groupId)
        .executeTakeFirst();
      if (!g) throw new AppError("validation", {}, { "audience.groupId": { code: "mailing.unknown_group" } });
    }
    return { label: c.course.title };
  }
  const org = await k.db.selectFrom("orgs").select(["path", "name"]).where("tenant_id", "=", actor.tenant.id).where("id", "=", a.orgId).executeTakeFirst();
  if (!org) throw notFound();
  if (!managesOrg(actor, org.path)) throw new AppError("forbidden");
  return { label: org.name };
}

/** SQL selecting the audience's people (user_id, email); the course segment filters learners. */
export function audienceSql(tenantId: string, a: Audience) {
  if (a.kind === "course") {
    return sql<{ user_id: string; email: string | null }>`
      select distinct u.id as user_id, u.email from course_members m join users u on u.tenant_id = m.tenant_id and u.id = m.user_id
      where m.tenant_id = ${tenantId} and m.course_id = ${a.courseId} and m.role = 'learner' and m.status = 'active' and u.status = 'active'
      ${a.completion === "not_completed" ? sql`and m.completed_at is null` : a.completion === "completed" ? sql`and m.completed_at is not null` : sql``}
      ${a.enrolledAfter ? sql`and m.created_at >= ${a.enrolledAfter}::date` : sql``}
      ${a.groupId ? sql`and exists (select 1 from group_members g where g.tenant_id = m.tenant_id and g.group_id = ${a.groupId} and g.user_id = m.user_id)` : sql``}`;
  }
  return sql<{ user_id: string; email: string | null }>`
    select distinct u.id as user_id, u.email from role_assignments r
    join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id
    join users u on u.tenant_id = r.tenant_id and u.id = r.user_id
    where r.tenant_id = ${tenantId} and u.status = 'active'
      and o.path like (select path from orgs where tenant_id = ${tenantId} and id = ${a.orgId}) || '%'`;
}
