import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { deleteSectionRow, getSection } from "../repo.ts";

/** Deletes a section with its items (and the progress on them); the other sections close ranks. */
export async function deleteSection(k: Kernel, actor: Actor, id: string, sectionId: string) {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "edit");
  const s = await getSection(k.db, a.course.tenant_id, id, sectionId);
  if (!s) throw notFound();
  await deleteSectionRow(k.db, a.course.tenant_id, s);
  return { ok: true as const };
}
