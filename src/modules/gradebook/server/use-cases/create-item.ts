import { sql } from "kysely";
import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { type ItemRow, toItem } from "../repo.ts";
import { checkCategory, checkCourseItem, requireTeacher } from "./checks.ts";

export type ManualItemInput = {
  title: string;
  maxScore: number;
  passScore: number | null;
  categoryId: string | null;
  courseItemId: string | null;
  released: boolean;
};

/** A course editor adds a column graded by hand (an oral, a project...), placed last. */
export async function createItem(k: Kernel, actor: Actor, courseId: string, input: ManualItemInput) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  requireCourse(a, "edit");
  const tenantId = a.course.tenant_id;
  if (input.passScore !== null && input.passScore > input.maxScore)
    throw new AppError("validation", {}, { passScore: { code: "gradebook.pass_score", params: { max: input.maxScore } } });
  await Promise.all([checkCategory(k.db, tenantId, courseId, input.categoryId), checkCourseItem(k.db, tenantId, courseId, input.courseItemId)]);
  const r = await sql<ItemRow>`
    insert into grade_items (tenant_id, id, course_id, category_id, source_type, course_item_id, title, max_score, pass_score, released, position)
    values (${tenantId}, ${newId()}, ${courseId}, ${input.categoryId}, 'manual', ${input.courseItemId}, ${input.title}, ${input.maxScore},
      ${input.passScore}, ${input.released},
      (select coalesce(max(position) + 1, 0) from grade_items where tenant_id = ${tenantId} and course_id = ${courseId}))
    returning id, title, source_type, course_item_id, category_id, max_score, pass_score, released, position`.execute(k.db);
  k.record({ tenantId, actorId: (actor as UserActor).userId, verb: "created", objectType: "grade-item", objectId: r.rows[0].id, context: { courseId } });
  return toItem(r.rows[0]);
}
