import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { CoursePage, Section } from "../../shared/contract.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { capabilities, presentItem, presentProgress, presentSettings } from "../present.ts";
import { itemsWithProgress, listSections } from "../repo.ts";

/** The course page: three queries (course with roles, sections, items with the person's progress) whatever its size. */
export async function getCourse(k: Kernel, actor: Actor, id: string): Promise<CoursePage> {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "view");
  const tid = a.course.tenant_id;
  const userId = actor.kind === "user" ? actor.userId : "";
  const sections = await listSections(k.db, tid, id);
  const items = await itemsWithProgress(k.db, tid, id, userId);
  const bySection = new Map<string, Section>(sections.map((s) => [s.id, { id: s.id, position: s.position, title: s.title, summary: s.summary, items: [] }]));
  for (const i of items) bySection.get(i.section_id)?.items.push(presentItem(i));
  return {
    course: presentSettings(a.course),
    roles: a.roles,
    capabilities: capabilities(a),
    sections: [...bySection.values()],
    progress: items.filter((i) => i.progress_user !== null).map(presentProgress),
  };
}
