import { type RawBuilder, sql } from "kysely";

/**
 * For the school day page (one statement composed by the caller). `learners` selects user ids.
 * Open quizzes closing from `from` for `days` days that these learners (active in the course)
 * have not submitted an attempt to: a JSON array, soonest first.
 */
export function quizzesClosingSql(tenantId: string, learners: RawBuilder<unknown>, from: string, days: number): RawBuilder<unknown> {
  return sql`(select coalesce(json_agg(x order by x."dueAt"), '[]') from (
    select m.user_id as "userId", c.id as "courseId", c.title as "courseTitle", ci.id as "itemId", ci.title, 'quiz' as kind, q.closes_at as "dueAt"
    from course_members m
    join courses c on c.tenant_id = m.tenant_id and c.id = m.course_id and c.status = 'published'
    join quizzes q on q.tenant_id = m.tenant_id and q.course_id = m.course_id
    join course_items ci on ci.tenant_id = q.tenant_id and ci.id = q.item_id
    where m.tenant_id = ${tenantId} and m.user_id in (${learners}) and m.status = 'active' and m.role = 'learner'
      and q.closes_at >= ${from}::date and q.closes_at < ${from}::date + ${days}::int
      and not exists (select 1 from quiz_attempts a where a.tenant_id = q.tenant_id and a.quiz_id = q.item_id
        and a.user_id = m.user_id and a.state = 'submitted')
    order by 7 limit 30) x)`;
}

/** Submitted attempts with answers to grade by hand in the courses a person teaches, per quiz: a JSON array. */
export function attemptsToGradeSql(tenantId: string, userId: string): RawBuilder<unknown> {
  return sql`(select coalesce(json_agg(x), '[]') from (
    select c.id as "courseId", c.title as "courseTitle", a.quiz_id as "itemId", ci.title, 'quiz' as kind, count(*)::int as count
    from course_members m
    join courses c on c.tenant_id = m.tenant_id and c.id = m.course_id
    join quiz_attempts a on a.tenant_id = m.tenant_id and a.course_id = m.course_id and a.state = 'submitted' and a.needs_grading and not a.preview
    join course_items ci on ci.tenant_id = a.tenant_id and ci.id = a.quiz_id
    where m.tenant_id = ${tenantId} and m.user_id = ${userId} and m.status = 'active' and m.role in ('manager', 'teacher', 'assistant')
    group by c.id, c.title, a.quiz_id, ci.title order by 6 desc limit 10) x)`;
}
