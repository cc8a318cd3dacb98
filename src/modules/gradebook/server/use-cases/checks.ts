import type { Kysely } from "kysely";
import type { DB } from "../../../../kernel/db/schema.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";

/** A category given for an item must be one of this course's (422 otherwise). */
export async function checkCategory(db: Kysely<DB>, tenantId: string, courseId: string, categoryId: string | null | undefined) {
  if (!categoryId) return;
  const c = await db
    .selectFrom("grade_categories")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .where("id", "=", categoryId)
    .executeTakeFirst();
  if (!c) throw new AppError("validation", {}, { categoryId: { code: "gradebook.category_unknown" } });
}

/** A course item a column decides must be one of this course's (422 otherwise). */
export async function checkCourseItem(db: Kysely<DB>, tenantId: string, courseId: string, courseItemId: string | null | undefined) {
  if (!courseItemId) return;
  const c = await db
    .selectFrom("course_items")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .where("id", "=", courseItemId)
    .executeTakeFirst();
  if (!c) throw new AppError("validation", {}, { courseItemId: { code: "gradebook.course_item_unknown" } });
}

/**
 * Grades are for the course's teachers: anyone else (a learner, an observer) gets 404, as if the
 * gradebook were not there, so that nothing tells whose grades exist.
 */
export function requireTeacher(a: { canTeach: boolean }) {
  if (!a.canTeach) throw notFound();
}
