import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { type CategoryRow, toCategory } from "../repo.ts";
import { requireTeacher } from "./checks.ts";

type CategoryInput = { name: string; weight: number; dropLowest: number };

/** A course editor adds a category, placed last. */
export async function createCategory(k: Kernel, actor: Actor, courseId: string, input: CategoryInput) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  requireCourse(a, "edit");
  const tenantId = a.course.tenant_id;
  const r = await sql<CategoryRow>`
    insert into grade_categories (tenant_id, id, course_id, name, weight, drop_lowest, position)
    values (${tenantId}, ${newId()}, ${courseId}, ${input.name}, ${input.weight}, ${input.dropLowest},
      (select coalesce(max(position) + 1, 0) from grade_categories where tenant_id = ${tenantId} and course_id = ${courseId}))
    returning id, name, weight, drop_lowest, position`.execute(k.db);
  return toCategory(r.rows[0]);
}

/** A course editor renames a category or changes its weight or how many lowest grades it drops. */
export async function updateCategory(k: Kernel, actor: Actor, courseId: string, categoryId: string, input: Partial<CategoryInput>) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  requireCourse(a, "edit");
  const r = await k.db
    .updateTable("grade_categories")
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.weight !== undefined && { weight: input.weight }),
      ...(input.dropLowest !== undefined && { drop_lowest: input.dropLowest }),
    })
    .where("tenant_id", "=", a.course.tenant_id)
    .where("course_id", "=", courseId)
    .where("id", "=", categoryId)
    .returning(["id", "name", "weight", "drop_lowest", "position"])
    .executeTakeFirst();
  if (!r) throw notFound();
  return toCategory(r);
}

/** A course editor deletes a category; its items stay, uncategorised (the foreign key sets them free). */
export async function deleteCategory(k: Kernel, actor: Actor, courseId: string, categoryId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  requireCourse(a, "edit");
  const r = await k.db
    .deleteFrom("grade_categories")
    .where("tenant_id", "=", a.course.tenant_id)
    .where("course_id", "=", courseId)
    .where("id", "=", categoryId)
    .executeTakeFirst();
  if (!r.numDeletedRows) throw notFound();
}
