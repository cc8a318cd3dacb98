import type { Actor } from "../../../../kernel/auth/actor.ts";
import { forbidden } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { visibleOrg } from "../../../orgs/server/index.ts";
import { canCreateCourseIn, loadCourse } from "../access.ts";
import { presentSettings } from "../present.ts";
import { insertCourse, insertMember, listItems, listSections } from "../repo.ts";
import { searchVector } from "../search.ts";
import { type RichTextDocument, richTextToPlain } from "../../../../kernel/richtext/index.ts";

const CHUNK = 500;

/**
 * Copies a course's settings, sections and items (no members, no progress) into a new draft:
 * a plain copy (editors of the source), a template (`template`), or a course from a template
 * (anyone who may use the template). The copier becomes the copy's manager.
 */
export async function copyCourse(k: Kernel, actor: Actor, id: string, input: { title?: string; orgId?: string; template: boolean }) {
  const a = await loadCourse(k.db, actor, id);
  if (!a.canEdit && !a.course.is_template) throw forbidden();
  if (actor.kind !== "user") throw forbidden();
  const src = a.course;
  const org = input.orgId && input.orgId !== src.org_id ? await visibleOrg(k.db, actor, input.orgId) : { id: src.org_id, path: src.org_path, name: src.org_name };
  if (!canCreateCourseIn(actor, org.path)) throw forbidden();
  const tid = actor.tenant.id;
  const [sections, items] = [await listSections(k.db, tid, id), await listItems(k.db, tid, id)];
  const newCourseId = newId();
  const sectionIds = new Map(sections.map((s) => [s.id, newId()]));
  const title = input.title ?? src.title;
  const row = await k.db.transaction().execute(async (tx) => {
    const c = await insertCourse(tx, tid, {
      id: newCourseId,
      org_id: org.id,
      title,
      summary: src.summary,
      description_doc: src.description_doc === null ? null : JSON.stringify(src.description_doc),
      description_html: src.description_html,
      language: src.language,
      tags: src.tags,
      format: src.format,
      status: "draft",
      is_template: input.template,
      visible_from: src.visible_from,
      visible_until: src.visible_until,
      search: searchVector({ title, summary: src.summary, tags: src.tags, language: src.language, descriptionPlain: src.description_doc ? richTextToPlain(src.description_doc as RichTextDocument) : "" }),
      created_by: actor.userId,
    });
    await insertMember(tx, tid, { id: newId(), course_id: newCourseId, user_id: actor.userId, role: "manager", source: "copy" });
    if (sections.length)
      await tx
        .insertInto("course_sections")
        .values(sections.map((s) => ({ tenant_id: tid, id: sectionIds.get(s.id)!, course_id: newCourseId, position: s.position, title: s.title, summary: s.summary })))
        .execute();
    for (let i = 0; i < items.length; i += CHUNK) {
      await tx
        .insertInto("course_items")
        .values(
          items.slice(i, i + CHUNK).map((it) => ({
            tenant_id: tid,
            id: newId(),
            course_id: newCourseId,
            section_id: sectionIds.get(it.section_id)!,
            position: it.position,
            kind: it.kind,
            title: it.title,
            body_doc: it.body_doc === null ? null : JSON.stringify(it.body_doc),
            body_html: it.body_html,
            url: it.url,
            file_id: it.file_id,
            captions_file_id: it.captions_file_id,
            completion: it.completion,
            // conditions name items of the source course: the copy starts without them
            condition: null,
          })),
        )
        .execute();
    }
    return c;
  });
  return presentSettings({ ...row, org_name: org.name });
}
