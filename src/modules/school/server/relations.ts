import { type RawBuilder, sql } from "kysely";

/**
 * SQL giving the ids of a parent's children's teachers (for the messages module's
 * "children_teachers" rule): teachers placed on a child's class or group, assigned to a subject
 * there, or teaching one of the child's courses.
 */
export function childrenTeachersSql(tenantId: string, parentId: string): RawBuilder<unknown> {
  return sql`select r2.user_id from school_guardians g
      join role_assignments r1 on r1.tenant_id = g.tenant_id and r1.user_id = g.child_id and r1.role = 'learner'
      join orgs o on o.tenant_id = r1.tenant_id and o.id = r1.org_id and o.kind in ('class', 'group')
      join role_assignments r2 on r2.tenant_id = r1.tenant_id and r2.org_id = r1.org_id and r2.role = 'teacher'
      where g.tenant_id = ${tenantId} and g.parent_id = ${parentId}
    union
    select t.teacher_id from school_guardians g
      join role_assignments r1 on r1.tenant_id = g.tenant_id and r1.user_id = g.child_id and r1.role = 'learner'
      join school_teachings t on t.tenant_id = r1.tenant_id and t.class_id = r1.org_id
      where g.tenant_id = ${tenantId} and g.parent_id = ${parentId}
    union
    select m2.user_id from school_guardians g
      join course_members m1 on m1.tenant_id = g.tenant_id and m1.user_id = g.child_id and m1.status = 'active'
      join course_members m2 on m2.tenant_id = m1.tenant_id and m2.course_id = m1.course_id and m2.status = 'active'
        and m2.role in ('teacher', 'manager', 'assistant')
      where g.tenant_id = ${tenantId} and g.parent_id = ${parentId}`;
}
