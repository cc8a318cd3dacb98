import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { type ItemInput, kindColumns } from "../item-kinds.ts";
import { presentItem } from "../present.ts";
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
  const row = await updateItemRow(k.db, tid, itemId, {
    ...(input.title !== undefined && { title: input.title }),
    ...(input.completion !== undefined && { completion: input.completion }),
    ...cols,
  });
  return presentItem(row);
}
