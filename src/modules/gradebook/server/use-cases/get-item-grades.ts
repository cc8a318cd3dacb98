import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/access.ts";
import { historyOf, learnersWithGrades, loadStructure, toCell } from "../repo.ts";
import { requireTeacher } from "./checks.ts";

/**
 * One grade item for teachers: statistics over every active learner's grade (one aggregate
 * query), one page of learners with their grade, and the history of changes.
 */
export async function getItemGrades(k: Kernel, actor: Actor, courseId: string, itemId: string, query: { page: number; pageSize: number; q?: string }) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  const tenantId = a.course.tenant_id;
  const st = await loadStructure(k.db, tenantId, courseId);
  const item = st.items.find((i) => i.id === itemId);
  if (!item) throw notFound();
  const [rows, stats, history] = await Promise.all([
    learnersWithGrades(k.db, tenantId, courseId, { q: query.q || undefined, page: query, itemId }),
    sql<{ learners: string; graded: string; mean: number | null; median: number | null; passed: string }>`
      select count(*) as learners, count(x.s) as graded, avg(x.s) as mean,
        percentile_cont(0.5) within group (order by x.s) as median,
        count(*) filter (where x.s >= ${item.passScore ?? 0}) as passed
      from course_members m
      left join lateral (select case when g.overridden then g.override_score else g.score end as s from grades g
        where g.tenant_id = m.tenant_id and g.grade_item_id = ${itemId} and g.user_id = m.user_id) x on true
      where m.tenant_id = ${tenantId} and m.course_id = ${courseId} and m.role = 'learner' and m.status = 'active'`.execute(k.db),
    historyOf(k.db, tenantId, courseId, { itemId }),
  ]);
  const s = stats.rows[0];
  return {
    course: { id: a.course.id, title: a.course.title },
    canEdit: a.canEdit,
    canGrade: a.canTeach,
    item,
    categories: st.categories,
    stats: {
      learners: Number(s.learners),
      graded: Number(s.graded),
      mean: s.mean === null ? null : Number(s.mean),
      median: s.median === null ? null : Number(s.median),
      passed: item.passScore === null ? null : Number(s.passed),
    },
    learners: rows.map((l) => ({
      userId: l.user_id,
      username: l.username,
      givenName: l.given_name,
      familyName: l.family_name,
      cell: l.grades[0] ? toCell(l.grades[0]) : null,
    })),
    total: rows.length ? Number(rows[0].total) : 0,
    page: query.page,
    pageSize: query.pageSize,
    history,
  };
}
