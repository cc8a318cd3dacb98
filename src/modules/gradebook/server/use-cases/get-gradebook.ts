import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/access.ts";
import type { LearnerRow } from "../../shared/contract.ts";
import { type LearnerLite, learnersWithGrades, loadStructure, type Structure, toCell, totalOf } from "../repo.ts";
import { requireTeacher } from "./checks.ts";

export type GridQuery = { page: number; pageSize: number; sort: "name" | "total" | "item"; sortItem?: string; dir: "asc" | "desc"; q?: string };

export function learnerRow(st: Structure, l: LearnerLite, locale: string): LearnerRow {
  const by = new Map(l.grades.map((g) => [g.i, g]));
  const t = totalOf(st, l.grades, locale);
  return {
    userId: l.user_id,
    username: l.username,
    givenName: l.given_name,
    familyName: l.family_name,
    total: t.total,
    totalText: t.text,
    cells: st.items.map((i) => {
      const g = by.get(i.id);
      return g ? toCell(g) : null;
    }),
  };
}

/**
 * The teachers' grid: three queries whatever the number of learners (the course and the actor's
 * roles, the gradebook's structure, one page of learners with their grades). Sorting by total
 * reads every learner's grades in that same query and pages after computing the totals, since a
 * total (weights, dropped grades) is not a column.
 */
export async function getGradebook(k: Kernel, actor: Actor, courseId: string, query: GridQuery, locale: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  const tenantId = a.course.tenant_id;
  const st = await loadStructure(k.db, tenantId, courseId);
  const sortItem = query.sort === "item" && query.sortItem && st.items.some((i) => i.id === query.sortItem) ? query.sortItem : undefined;
  const byTotal = query.sort === "total";
  const rows = await learnersWithGrades(k.db, tenantId, courseId, {
    q: query.q || undefined,
    sortItem,
    dir: query.dir,
    page: byTotal ? null : { page: query.page, pageSize: query.pageSize },
  });
  let learners = rows.map((l) => learnerRow(st, l, locale));
  if (byTotal) {
    const sign = query.dir === "desc" ? -1 : 1;
    // learners without a total come last either way; ties keep the name order
    learners = learners
      .map((l, n) => ({ l, n }))
      .sort((x, y) => (x.l.total === null ? (y.l.total === null ? x.n - y.n : 1) : y.l.total === null ? -1 : sign * (x.l.total - y.l.total) || x.n - y.n))
      .map((x) => x.l)
      .slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  }
  return {
    course: { id: a.course.id, title: a.course.title },
    canEdit: a.canEdit,
    canGrade: a.canTeach,
    scale: st.scale,
    categories: st.categories,
    items: st.items,
    uncategorisedWeight: st.uncategorisedWeight,
    learners,
    total: rows.length ? Number(rows[0].total) : 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
