import { type RawBuilder, sql } from "kysely";

/**
 * For the school day page (one statement composed by the caller). `learners` selects user ids.
 * Assignments due from `from` for `days` days that these learners (active in the course) have not
 * submitted yet, with their own extension if any: a JSON array, soonest first.
 */
export function assignmentsDueSql(tenantId: string, learners: RawBuilder<unknown>, from: string, days: number): RawBuilder<unknown> {
  return sql`(select coalesce(json_agg(x order by x."dueAt"), '[]') from (
    select m.user_id as "userId", c.id as "courseId", c.title as "courseTitle", ci.id as "itemId", ci.title, 'assignment' as kind,
      coalesce(ext.due_at, a.due_at) as "dueAt"
    from course_members m
    join courses c on c.tenant_id = m.tenant_id and c.id = m.course_id and c.status = 'published'
    join assignments a on a.tenant_id = m.tenant_id and a.course_id = m.course_id
    join course_items ci on ci.tenant_id = a.tenant_id and ci.id = a.item_id
    left join assignment_extensions ext on ext.tenant_id = a.tenant_id and ext.item_id = a.item_id and ext.target_type = 'user' and ext.target_id = m.user_id
    where m.tenant_id = ${tenantId} and m.user_id in (${learners}) and m.status = 'active' and m.role = 'learner'
      and coalesce(ext.due_at, a.due_at) >= ${from}::date and coalesce(ext.due_at, a.due_at) < ${from}::date + ${days}::int
      and not exists (select 1 from assignment_submissions s where s.tenant_id = a.tenant_id and s.item_id = a.item_id
        and s.user_id = m.user_id and s.status = 'submitted')
    order by 7 limit 30) x)`;
}

/** Submissions waiting for a grade (new, or resubmitted after grading) in the courses a person teaches, per course: a JSON array. */
export function submissionsToGradeSql(tenantId: string, userId: string): RawBuilder<unknown> {
  return sql`(select coalesce(json_agg(x), '[]') from (
    select c.id as "courseId", c.title as "courseTitle", s.item_id as "itemId", ci.title, 'assignment' as kind, count(*)::int as count
    from course_members m
    join courses c on c.tenant_id = m.tenant_id and c.id = m.course_id
    join assignment_submissions s on s.tenant_id = m.tenant_id and s.course_id = m.course_id and s.status = 'submitted'
      and (s.graded_at is null or s.graded_at < s.submitted_at)
    join course_items ci on ci.tenant_id = s.tenant_id and ci.id = s.item_id
    where m.tenant_id = ${tenantId} and m.user_id = ${userId} and m.status = 'active' and m.role in ('manager', 'teacher', 'assistant')
    group by c.id, c.title, s.item_id, ci.title order by 6 desc limit 10) x)`;
}
