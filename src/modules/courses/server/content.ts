import { type Kysely, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import { newId } from "../../../kernel/ids.ts";
import { type RichTextDocument, richTextToPlain } from "../../../kernel/richtext/index.ts";
import type { CourseRow } from "./access.ts";
import { type ItemExtras, writeItemExtras } from "./extras.ts";
import { type ItemRow, insertCourse, insertMember, listItems, listSections } from "./repo.ts";
import { searchVector } from "./search.ts";

/**
 * A course's structure and content, detached from its ids: what a copy, a template or a library
 * version carries. `key` is the source row's id, so two snapshots of the same course can be
 * matched section by section and item by item.
 */
export type CourseContent = {
  sections: { key: string; position: number; title: string; summary: string }[];
  items: ContentItem[];
};
export type ContentItem = Pick<ItemRow, "position" | "kind" | "title" | "body_doc" | "body_html" | "url" | "file_id" | "captions_file_id" | "completion"> & {
  key: string;
  sectionKey: string;
};

const CHUNK = 500;

/** Reads a course's sections and items (no members, no progress, no conditions). */
export async function readContent(db: Kysely<DB>, tid: string, courseId: string): Promise<CourseContent> {
  const [sections, items] = [await listSections(db, tid, courseId), await listItems(db, tid, courseId)];
  return {
    sections: sections.map((s) => ({ key: s.id, position: s.position, title: s.title, summary: s.summary })),
    items: items.map((it) => ({
      key: it.id,
      sectionKey: it.section_id,
      position: it.position,
      kind: it.kind,
      title: it.title,
      body_doc: it.body_doc,
      body_html: it.body_html,
      url: it.url,
      file_id: it.file_id,
      captions_file_id: it.captions_file_id,
      completion: it.completion,
    })),
  };
}

/**
 * Writes content into a course (inside the caller's transaction) and returns the new ids by key.
 * Items whose section is not in `content.sections` go into `sectionIds` given by the caller.
 * Conditions name items of the source course: the copy starts without them.
 */
export async function writeContent(tx: Kysely<DB>, tid: string, courseId: string, content: CourseContent, known: Map<string, string> = new Map()) {
  const sectionIds = new Map(known);
  for (const s of content.sections) sectionIds.set(s.key, newId());
  const itemIds = new Map(content.items.map((it) => [it.key, newId()]));
  if (content.sections.length)
    await tx
      .insertInto("course_sections")
      .values(
        content.sections.map((s) => ({
          tenant_id: tid,
          id: sectionIds.get(s.key)!,
          course_id: courseId,
          position: s.position,
          title: s.title,
          summary: s.summary,
        })),
      )
      .execute();
  for (let i = 0; i < content.items.length; i += CHUNK) {
    await tx
      .insertInto("course_items")
      .values(
        content.items.slice(i, i + CHUNK).map((it) => ({
          tenant_id: tid,
          id: itemIds.get(it.key)!,
          course_id: courseId,
          section_id: sectionIds.get(it.sectionKey)!,
          position: it.position,
          kind: it.kind,
          title: it.title,
          body_doc: it.body_doc === null ? null : JSON.stringify(it.body_doc),
          body_html: it.body_html,
          url: it.url,
          file_id: it.file_id,
          captions_file_id: it.captions_file_id,
          completion: it.completion,
          condition: null,
        })),
      )
      .execute();
  }
  return { sectionIds, itemIds };
}

export type CourseSettingsSource = Pick<
  CourseRow,
  "org_id" | "title" | "summary" | "description_doc" | "description_html" | "language" | "tags" | "format" | "is_template" | "visible_from" | "visible_until"
>;

/**
 * A course's settings as a copy takes them, read by its platform's id alone (the caller has
 * already decided the course may be copied: a federation agreement names it). Archived courses
 * and templates are not: undefined, as for a course that does not exist.
 */
export async function readSettings(db: Kysely<DB>, tid: string, courseId: string): Promise<CourseSettingsSource | undefined> {
  return db
    .selectFrom("courses")
    .select(["org_id", "title", "summary", "description_doc", "description_html", "language", "tags", "format", "is_template", "visible_from", "visible_until"])
    .where("tenant_id", "=", tid)
    .where("id", "=", courseId)
    .where("status", "<>", "archived")
    .where("is_template", "=", false)
    .executeTakeFirst();
}

/**
 * A new draft course with the given settings and content, its creator as manager, in one
 * transaction: what a copy, a course from a template and an import from the library make. Items
 * that carry extras (read with readItemExtras: a quiz's questions, an assignment's settings and
 * rubric) get them written too, as the creator's.
 */
export async function insertCourseWithContent(
  db: Kysely<DB>,
  tid: string,
  creatorId: string,
  input: { settings: CourseSettingsSource; content: { sections: CourseContent["sections"]; items: (ContentItem & ItemExtras)[] } },
  /** more writes in the same transaction (the library notes where the copy came from) */
  after?: (tx: Kysely<DB>, made: { courseId: string; sectionIds: Map<string, string>; itemIds: Map<string, string> }) => Promise<void>,
) {
  const s = input.settings;
  const courseId = newId();
  return db.transaction().execute(async (tx) => {
    const course = await insertCourse(tx, tid, {
      id: courseId,
      org_id: s.org_id,
      title: s.title,
      summary: s.summary,
      description_doc: s.description_doc === null ? null : JSON.stringify(s.description_doc),
      description_html: s.description_html,
      language: s.language,
      tags: s.tags,
      format: s.format,
      status: "draft",
      is_template: s.is_template,
      visible_from: s.visible_from,
      visible_until: s.visible_until,
      search: searchVector({ ...s, descriptionPlain: s.description_doc ? richTextToPlain(s.description_doc as RichTextDocument) : "" }),
      created_by: creatorId,
    });
    await insertMember(tx, tid, { id: newId(), course_id: courseId, user_id: creatorId, role: "manager", source: "copy" });
    const ids = await writeContent(tx, tid, courseId, input.content);
    for (const it of input.content.items)
      if (it.quiz || it.assignment) await writeItemExtras(tx, { tid, courseId, userId: creatorId }, ids.itemIds.get(it.key)!, it);
    await after?.(tx, { courseId, ...ids });
    return { course, ...ids };
  });
}

export type ContentChanges = {
  addSections: { key: string; title: string; summary: string }[];
  updateSections: { id: string; title: string; summary: string }[];
  deleteSections: string[];
  /** `sectionId` is the local section (existing, or one of `addSections` by its key) */
  addItems: (Omit<ContentItem, "sectionKey" | "position"> & { sectionId: string })[];
  updateItems: (Pick<ContentItem, "kind" | "title" | "body_doc" | "body_html" | "url" | "completion"> & { id: string })[];
  deleteItems: string[];
};

/**
 * Applies changes to a course's content inside the caller's transaction: new sections and items
 * go at the end (of the course, of their section), then positions are made dense again. Returns
 * the ids given to new sections and items, by key.
 */
export async function applyContentChanges(tx: Kysely<DB>, tid: string, courseId: string, ch: ContentChanges) {
  const ids = new Map<string, string>();
  if (ch.deleteItems.length)
    await tx.deleteFrom("course_items").where("tenant_id", "=", tid).where("course_id", "=", courseId).where("id", "in", ch.deleteItems).execute();
  if (ch.deleteSections.length)
    await tx.deleteFrom("course_sections").where("tenant_id", "=", tid).where("course_id", "=", courseId).where("id", "in", ch.deleteSections).execute();
  for (const s of ch.updateSections)
    await tx
      .updateTable("course_sections")
      .set({ title: s.title, summary: s.summary })
      .where("tenant_id", "=", tid)
      .where("course_id", "=", courseId)
      .where("id", "=", s.id)
      .execute();
  for (const it of ch.updateItems)
    await tx
      .updateTable("course_items")
      .set({
        kind: it.kind,
        title: it.title,
        body_doc: it.body_doc === null ? null : JSON.stringify(it.body_doc),
        body_html: it.body_html,
        url: it.url,
        completion: it.completion,
        updated_at: new Date(),
      })
      .where("tenant_id", "=", tid)
      .where("course_id", "=", courseId)
      .where("id", "=", it.id)
      .execute();
  // new rows get a position past every existing one; the renumbering below closes the gaps
  const END = 1_000_000;
  if (ch.addSections.length) {
    for (const s of ch.addSections) ids.set(s.key, newId());
    await tx
      .insertInto("course_sections")
      .values(
        ch.addSections.map((s, i) => ({ tenant_id: tid, id: ids.get(s.key)!, course_id: courseId, position: END + i, title: s.title, summary: s.summary })),
      )
      .execute();
  }
  if (ch.addItems.length) {
    for (const it of ch.addItems) ids.set(it.key, newId());
    await tx
      .insertInto("course_items")
      .values(
        ch.addItems.map((it, i) => ({
          tenant_id: tid,
          id: ids.get(it.key)!,
          course_id: courseId,
          section_id: ids.get(it.sectionId) ?? it.sectionId,
          position: END + i,
          kind: it.kind,
          title: it.title,
          body_doc: it.body_doc === null ? null : JSON.stringify(it.body_doc),
          body_html: it.body_html,
          url: it.url,
          file_id: it.file_id,
          captions_file_id: it.captions_file_id,
          completion: it.completion,
          condition: null,
        })),
      )
      .execute();
  }
  await sql`update course_sections s set position = r.n from (
      select id, (row_number() over (order by position, id) - 1)::int as n from course_sections where tenant_id = ${tid} and course_id = ${courseId}) r
    where s.tenant_id = ${tid} and s.course_id = ${courseId} and s.id = r.id and s.position <> r.n`.execute(tx);
  await sql`update course_items i set position = r.n from (
      select id, (row_number() over (partition by section_id order by position, id) - 1)::int as n from course_items where tenant_id = ${tid} and course_id = ${courseId}) r
    where i.tenant_id = ${tid} and i.course_id = ${courseId} and i.id = r.id and i.position <> r.n`.execute(tx);
  return ids;
}
