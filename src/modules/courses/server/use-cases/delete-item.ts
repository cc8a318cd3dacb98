import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { deleteItemRow, getItem } from "../repo.ts";

/** Deletes an item (and the progress on it); the section's other items close ranks. */
export async function deleteItem(k: Kernel, actor: Actor, id: string, itemId: string) {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "edit");
  const item = await getItem(k.db, a.course.tenant_id, id, itemId);
  if (!item) throw notFound();
  await deleteItemRow(k.db, a.course.tenant_id, item);
  return { ok: true as const };
}
