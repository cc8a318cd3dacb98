import type { Actor } from "../../../../kernel/auth/actor.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { insertSection } from "../repo.ts";

/** Appends a section to a course. */
export async function addSection(k: Kernel, actor: Actor, id: string, input: { title: string; summary: string }) {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "edit");
  const s = await insertSection(k.db, a.course.tenant_id, { id: newId(), course_id: id, title: input.title, summary: input.summary });
  return { id: s.id, position: s.position, title: s.title, summary: s.summary, items: [] };
}
