import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { presentOutlineItem } from "../present.ts";
import { getSection, listItems, updateSectionRow } from "../repo.ts";

/** Renames a section (or changes its summary). */
export async function updateSection(k: Kernel, actor: Actor, id: string, sectionId: string, p: { title?: string; summary?: string }) {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "edit");
  const tid = a.course.tenant_id;
  const s = await getSection(k.db, tid, id, sectionId);
  if (!s) throw notFound();
  const patch = { ...(p.title !== undefined && { title: p.title }), ...(p.summary !== undefined && { summary: p.summary }) };
  const row = Object.keys(patch).length ? await updateSectionRow(k.db, tid, sectionId, patch) : s;
  const items = (await listItems(k.db, tid, id)).filter((i) => i.section_id === sectionId).map(presentOutlineItem);
  return { id: row.id, position: row.position, title: row.title, summary: row.summary, items };
}
