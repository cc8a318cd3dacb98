import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { formatOnScale } from "../../shared/compute.ts";
import { loadStructure, totalOf } from "../repo.ts";

/**
 * A learner's own grades in a course: released grades only (a hidden grade is not even listed),
 * and a total computed from those alone, so nothing unreleased shows through it. Anyone who may
 * see the course may ask; they only ever get their own rows.
 */
export async function myGrades(k: Kernel, actor: Actor, courseId: string, locale: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "view");
  const me = actor as UserActor;
  const tenantId = a.course.tenant_id;
  const [st, grades] = await Promise.all([
    loadStructure(k.db, tenantId, courseId),
    k.db
      .selectFrom("grades")
      .select(["grade_item_id as i", "score as s", "overridden as o", "override_score as v", "released as r"])
      .where("tenant_id", "=", tenantId)
      .where("course_id", "=", courseId)
      .where("user_id", "=", me.userId)
      .where("released", "=", true)
      .execute(),
  ]);
  const by = new Map(grades.map((g) => [g.i, g]));
  const t = totalOf(st, grades, locale);
  const catName = new Map(st.categories.map((c) => [c.id, c.name]));
  const items = st.items
    .filter((i) => by.has(i.id))
    .map((i) => {
      const g = by.get(i.id)!;
      const score = g.o ? g.v : g.s;
      const percent = score === null ? null : (score * 100) / i.maxScore;
      return {
        id: i.id,
        title: i.title,
        categoryName: i.categoryId ? (catName.get(i.categoryId) ?? null) : null,
        maxScore: i.maxScore,
        score,
        percent,
        text: formatOnScale(percent, st.scale, locale),
        passed: i.passScore === null || score === null ? null : score >= i.passScore,
      };
    });
  const used = new Set(st.items.filter((i) => by.has(i.id)).map((i) => i.categoryId));
  const categories = [
    ...st.categories
      .filter((c) => used.has(c.id))
      .map((c) => ({ id: c.id as string | null, name: c.name as string | null, weight: c.weight, dropLowest: c.dropLowest })),
    ...(used.has(null) ? [{ id: null, name: null, weight: st.uncategorisedWeight, dropLowest: 0 }] : []),
  ].map((c) => {
    const percent = t.categories.get(c.id) ?? null;
    return { ...c, percent, text: formatOnScale(percent, st.scale, locale) };
  });
  return { course: { id: a.course.id, title: a.course.title }, scale: st.scale, items, categories, total: t.total, totalText: t.text };
}
