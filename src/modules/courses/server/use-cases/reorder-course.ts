import type { Actor } from "../../../../kernel/auth/actor.ts";
import { invalid } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { applyOrder, listItems, listSections } from "../repo.ts";

/**
 * Sets the whole order of a course in one call: the sections in order, each with its items in
 * order (an item listed under another section moves there). The call must name every section and
 * every item exactly once, so positions stay dense (0..n-1) and a stale editor cannot lose items.
 */
export async function reorderCourse(k: Kernel, actor: Actor, id: string, order: { id: string; items: string[] }[]) {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "edit");
  const tid = a.course.tenant_id;
  const [sections, items] = [await listSections(k.db, tid, id), await listItems(k.db, tid, id)];
  const sectionIds = order.map((s) => s.id);
  const itemIds = order.flatMap((s) => s.items);
  const same = (given: string[], existing: string[]) => given.length === existing.length && new Set(given).size === given.length && given.every((x) => existing.includes(x));
  const existingItems = new Set(items.map((i) => i.id));
  if (!same(sectionIds, sections.map((s) => s.id))) throw invalid({ sections: { code: "courses.order_stale" } });
  if (itemIds.length !== existingItems.size || new Set(itemIds).size !== itemIds.length || !itemIds.every((x) => existingItems.has(x))) {
    throw invalid({ sections: { code: "courses.order_stale" } });
  }
  await applyOrder(k.db, tid, id, order);
  return { ok: true as const };
}
