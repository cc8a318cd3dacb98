import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { getItemRow } from "../repo.ts";
import { requireTeacher } from "./checks.ts";

/** A course editor deletes a column by hand with its grades and history; a quiz's or assignment's goes with its source. */
export async function deleteItem(k: Kernel, actor: Actor, courseId: string, itemId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  requireCourse(a, "edit");
  const tenantId = a.course.tenant_id;
  const item = await getItemRow(k.db, tenantId, courseId, itemId);
  if (!item) throw notFound();
  if (item.source_type !== "manual") throw new AppError("gradebook.from_source", {}, undefined, 422);
  await k.db.deleteFrom("grade_items").where("tenant_id", "=", tenantId).where("id", "=", itemId).execute();
  k.record({ tenantId, actorId: (actor as UserActor).userId, verb: "deleted", objectType: "grade-item", objectId: itemId, context: { courseId } });
}
