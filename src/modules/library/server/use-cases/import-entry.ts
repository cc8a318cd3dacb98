import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, forbidden, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { canCreateCourseIn, insertCourseWithContent } from "../../../courses/server/index.ts";
import { requireBrowser } from "../access.ts";
import { writeFiles } from "../carried.ts";
import { entryById, versionContent } from "../repo.ts";
import { itemHash, sectionHash } from "../snapshot.ts";

/**
 * Makes a new draft course from a version, on the highest node where the person may create
 * courses. A linked copy remembers where each section and item came from, with a hash of its
 * content, so a later version can be applied without touching what was added or edited here.
 */
export async function importEntry(k: Kernel, actor: Actor, id: string, input: { version?: number; linked: boolean; title?: string }) {
  requireBrowser(actor);
  const e = await entryById(k.db, id, actor.tenant.id);
  if (!e || e.withdrawn_at) throw notFound();
  const grant = actor.grants.filter((g) => canCreateCourseIn(actor, g.path)).sort((a, b) => a.path.length - b.path.length)[0];
  if (!grant) throw forbidden();
  const version = input.version ?? e.latest_version;
  const content = await versionContent(k.db, id, version);
  if (!content) throw new AppError("library.no_such_version", { version });
  const tid = actor.tenant.id;
  const made = await insertCourseWithContent(
    k.db,
    tid,
    actor.userId,
    {
      settings: {
        org_id: grant.orgId,
        title: input.title ?? e.title,
        summary: e.description.slice(0, 500),
        description_doc: null,
        description_html: "",
        language: e.language,
        tags: e.subjects,
        format: "online",
        is_template: false,
        visible_from: null,
        visible_until: null,
      },
      content,
    },
    async (tx, m) => {
      await tx
        .insertInto("library_imports")
        .values({ tenant_id: tid, course_id: m.courseId, entry_id: id, version, linked: input.linked, imported_by: actor.userId })
        .execute();
      const ctx = { tid, courseId: m.courseId, userId: actor.userId, uploadMaxMb: k.config.UPLOAD_MAX_MB };
      for (const it of content.items) await writeFiles(tx, ctx, m.itemIds.get(it.key)!, it);
      if (!input.linked) return;
      const origins = [
        ...content.sections.map((s) => ({
          tenant_id: tid,
          course_id: m.courseId,
          key: s.key,
          kind: "section" as const,
          local_id: m.sectionIds.get(s.key)!,
          hash: sectionHash(s),
        })),
        ...content.items.map((i) => ({
          tenant_id: tid,
          course_id: m.courseId,
          key: i.key,
          kind: "item" as const,
          local_id: m.itemIds.get(i.key)!,
          hash: itemHash(i),
        })),
      ];
      for (let i = 0; i < origins.length; i += 500)
        await tx
          .insertInto("library_origins")
          .values(origins.slice(i, i + 500))
          .execute();
    },
  );
  k.record({
    tenantId: tid,
    actorId: actor.userId,
    verb: "imported",
    objectType: "library-entry",
    objectId: id,
    context: { courseId: made.course.id, version, linked: input.linked },
  });
  return { courseId: made.course.id };
}
