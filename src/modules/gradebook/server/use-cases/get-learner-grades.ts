import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/access.ts";
import { formatOnScale } from "../../shared/compute.ts";
import { type GradeLite, historyOf, loadStructure, totalOf } from "../repo.ts";
import { requireTeacher } from "./checks.ts";
import { learnerRow } from "./get-gradebook.ts";

/** One learner's page for teachers: every grade, each category's percentage and the history of changes. */
export async function getLearnerGrades(k: Kernel, actor: Actor, courseId: string, userId: string, locale: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  const tenantId = a.course.tenant_id;
  const [st, person, history] = await Promise.all([
    loadStructure(k.db, tenantId, courseId),
    sql<{ user_id: string; username: string; given_name: string; family_name: string; grades: GradeLite[] }>`
      select m.user_id, u.username, u.given_name, u.family_name,
        (select coalesce(json_agg(json_build_object('i', g.grade_item_id, 's', g.score, 'o', g.overridden, 'v', g.override_score, 'r', g.released)), '[]')
          from grades g where g.tenant_id = m.tenant_id and g.course_id = m.course_id and g.user_id = m.user_id) as grades
      from course_members m join users u on u.tenant_id = m.tenant_id and u.id = m.user_id
      where m.tenant_id = ${tenantId} and m.course_id = ${courseId} and m.user_id = ${userId} and m.role = 'learner'`
      .execute(k.db)
      .then((r) => r.rows[0]),
    historyOf(k.db, tenantId, courseId, { userId }),
  ]);
  if (!person) throw notFound();
  const grades = person.grades;
  const t = totalOf(st, grades, locale);
  return {
    course: { id: a.course.id, title: a.course.title },
    canEdit: a.canEdit,
    canGrade: a.canTeach,
    scale: st.scale,
    categories: st.categories,
    items: st.items,
    uncategorisedWeight: st.uncategorisedWeight,
    learner: learnerRow(st, { ...person, grades, total: "1" }, locale),
    categoryTotals: [...t.categories].map(([categoryId, percent]) => ({ categoryId, percent, text: formatOnScale(percent, st.scale, locale) })),
    history,
  };
}
