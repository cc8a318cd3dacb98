import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { parseItemCondition } from "../../../enrolment/server/index.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { type ItemInput, kindColumns } from "../item-kinds.ts";
import { presentItemWithBody } from "../present.ts";
import { getItem, updateItemRow } from "../repo.ts";

/** Changes an item's title, completion rule or kind-specific content (its kind stays). */
export async function updateItem(k: Kernel, actor: Actor, id: string, itemId: string, input: ItemInput) {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "edit");
  if (actor.kind !== "user") throw notFound();
  const tid = a.course.tenant_id;
  const item = await getItem(k.db, tid, id, itemId);
  if (!item) throw notFound();
  const cols = await kindColumns(actor, a.course, item.kind, input, item);
  // a condition names another item of this course (or a date, or a group): checked before it is kept
  let condition: string | null | undefined;
  if (input.condition !== undefined) {
    const ids =
      input.condition && typeof input.condition === "object" && "afterItemId" in input.condition
        ? (await k.db.selectFrom("course_items").select("id").where("tenant_id", "=", tid).where("course_id", "=", id).execute()).map((r) => r.id)
        : [];
    const parsed = parseItemCondition(input.condition, { itemId, courseItemIds: ids });
    condition = parsed ? JSON.stringify(parsed) : null;
  }
  const row = await updateItemRow(k.db, tid, itemId, {
    ...(condition !== undefined && { condition }),
    ...(input.title !== undefined && { title: input.title }),
    ...(input.completion !== undefined && { completion: input.completion }),
    ...cols,
  });
  return presentItemWithBody(row);
}
