import type { Updateable } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { CoursesTable } from "../../../../kernel/db/schema.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { type RichTextDocument, richTextToPlain } from "../../../../kernel/richtext/index.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { presentSettings } from "../present.ts";
import { updateCourseRow } from "../repo.ts";
import { emptyRich, richField } from "../rich.ts";
import { searchVector } from "../search.ts";
import { checkDates, cleanTags } from "./create-course.ts";

export type CoursePatch = {
  title?: string;
  summary?: string;
  description?: unknown;
  language?: string;
  tags?: string[];
  format?: "online" | "blended" | "in-person";
  visibleFrom?: string | null;
  visibleUntil?: string | null;
  status?: "draft" | "published" | "archived";
};

/** Settings, publication (draft ⇄ published), archive and restore; the search vector follows every change. */
export async function updateCourse(k: Kernel, actor: Actor, id: string, p: CoursePatch) {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "edit");
  const c = a.course;
  checkDates(p.visibleFrom === undefined ? c.visible_from : p.visibleFrom, p.visibleUntil === undefined ? c.visible_until : p.visibleUntil);
  const desc = p.description === undefined ? undefined : p.description === null ? emptyRich : richField("description", p.description, p.language ?? c.language);
  const next = {
    title: p.title ?? c.title,
    summary: p.summary ?? c.summary,
    tags: p.tags ? cleanTags(p.tags) : c.tags,
    language: p.language ?? c.language,
  };
  const plain = desc ? desc.plain : c.description_doc ? richTextToPlain(c.description_doc as RichTextDocument) : "";
  const patch: Updateable<CoursesTable> = {
    ...next,
    ...(desc && { description_doc: desc.doc === null ? null : JSON.stringify(desc.doc), description_html: desc.html }),
    ...(p.format && { format: p.format }),
    ...(p.visibleFrom !== undefined && { visible_from: p.visibleFrom }),
    ...(p.visibleUntil !== undefined && { visible_until: p.visibleUntil }),
    ...(p.status && { status: p.status }),
    search: searchVector({ ...next, descriptionPlain: plain }),
  };
  const row = await updateCourseRow(k.db, actor.kind === "user" ? actor.tenant.id : "", id, patch);
  return presentSettings({ ...row, org_name: c.org_name });
}
