import type { Actor } from "../../../../kernel/auth/actor.ts";
import { PreSerialized } from "../../../../kernel/http/route.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { CoursePage } from "../../shared/contract.ts";
import { loadCourseWithProgress, requireCourse } from "../access.ts";
import { outlineOf } from "../outline.ts";
import { capabilities, presentProgress, presentSettings } from "../present.ts";

const Head = CoursePage.omit({ sections: true });
const CLOSE = Buffer.from("}");

/**
 * The course page: the course with the person's roles and progress (one query), and the outline
 * (sections and items) from the outline cache: one query, two when the outline changed, whatever its size.
 */
export async function getCourse(k: Kernel, actor: Actor, id: string): Promise<PreSerialized> {
  const { access: a, progress: all } = await loadCourseWithProgress(k.db, actor, id);
  requireCourse(a, "view");
  const outline = await outlineOf(k.db, a.course.tenant_id, id, a.course.outline_version);
  const progress = all.filter((p) => outline.itemIds.has(p.id));
  const head = JSON.stringify(Head.parse({ course: presentSettings(a.course), roles: a.roles, capabilities: capabilities(a), progress: progress.map(presentProgress) }));
  return new PreSerialized(Buffer.concat([Buffer.from(`${head.slice(0, -1)},"sections":`), outline.json, CLOSE]));
}
