import type { Actor } from "../../../../kernel/auth/actor.ts";
import { forbidden } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { visibleOrg } from "../../../orgs/server/index.ts";
import { canCreateCourseIn, loadCourse } from "../access.ts";
import { insertCourseWithContent, readContent } from "../content.ts";
import { withItemExtras } from "../extras.ts";
import { presentSettings } from "../present.ts";

/**
 * Copies a course's settings, sections and items (no members, no progress), its quizzes with their
 * questions (new ones, in the copy's bank) and its assignments with their rubrics (without the
 * run's dates, nobody's work) into a new draft:
 * a plain copy (editors of the source), a template (`template`), or a course from a template
 * (anyone who may use the template). The copier becomes the copy's manager.
 */
export async function copyCourse(k: Kernel, actor: Actor, id: string, input: { title?: string; orgId?: string; template: boolean }) {
  const a = await loadCourse(k.db, actor, id);
  if (!a.canEdit && !a.course.is_template) throw forbidden();
  if (actor.kind !== "user") throw forbidden();
  const src = a.course;
  const org =
    input.orgId && input.orgId !== src.org_id ? await visibleOrg(k.db, actor, input.orgId) : { id: src.org_id, path: src.org_path, name: src.org_name };
  if (!canCreateCourseIn(actor, org.path)) throw forbidden();
  const tid = actor.tenant.id;
  const content = await withItemExtras(k.db, tid, await readContent(k.db, tid, id));
  const row = await insertCourseWithContent(k.db, tid, actor.userId, {
    settings: { ...src, title: input.title ?? src.title, org_id: org.id, is_template: input.template },
    content,
  });
  return presentSettings({ ...row.course, org_name: org.name });
}
