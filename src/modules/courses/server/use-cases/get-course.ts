import type { Actor } from "../../../../kernel/auth/actor.ts";
import { PreSerialized } from "../../../../kernel/http/route.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { CoursePage } from "../../shared/contract.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { outlineOf } from "../outline.ts";
import { capabilities, presentProgress, presentSettings } from "../present.ts";
import { courseProgress } from "../repo.ts";

const Head = CoursePage.omit({ sections: true });

/**
 * The course page: the course with the person's roles, their progress, and the outline (sections
 * and items) from the outline cache: two queries, three when the outline changed, whatever its size.
 */
export async function getCourse(k: Kernel, actor: Actor, id: string): Promise<PreSerialized> {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "view");
  const tid = a.course.tenant_id;
  const userId = actor.kind === "user" ? actor.userId : "";
  const outline = await outlineOf(k.db, tid, id, a.course.outline_version);
  const progress = (await courseProgress(k.db, tid, id, userId)).filter((p) => outline.itemIds.has(p.id));
  const head = JSON.stringify(Head.parse({ course: presentSettings(a.course), roles: a.roles, capabilities: capabilities(a), progress: progress.map(presentProgress) }));
  return new PreSerialized(`${head.slice(0, -1)},"sections":${outline.json}}`);
}
