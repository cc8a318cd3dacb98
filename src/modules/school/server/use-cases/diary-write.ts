import { type Actor, authorize, type UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { findFile, maySeeFile } from "../../../../kernel/files/index.ts";
import { isLocale } from "../../../../kernel/i18n.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { type RichTextDocument, renderRichText } from "../../../../kernel/richtext/index.ts";
import { managesPath } from "../access.ts";
import { getEntry, linkableItems } from "../diary-repo.ts";
import { presentEntry } from "../present-entry.ts";
import { getClassRow } from "../repo.ts";
import { loadVisibleClass } from "./get-class.ts";

export type EntryInput = {
  kind: "lesson" | "homework";
  subjectId: string;
  day: string;
  dueDate?: string | null;
  title: string;
  content: RichTextDocument;
  fileIds: string[];
  workloadMinutes?: number | null;
  courseItemId?: string | null;
  quizId?: string | null;
};

/** Teaching the subject in the class, or administering the class. */
async function mayWrite(k: Kernel, actor: UserActor, cls: { id: string; path: string }, subjectId: string) {
  if (managesPath(actor, cls.path)) return true;
  const t = await k.db
    .selectFrom("school_teachings")
    .select("id")
    .where("tenant_id", "=", actor.tenant.id)
    .where("class_id", "=", cls.id)
    .where("subject_id", "=", subjectId)
    .where("teacher_id", "=", actor.userId)
    .executeTakeFirst();
  return !!t;
}

/** What the entry points at must exist on this platform: subject, files the author may use, an item of a course enrolling the class. */
async function checkInput(k: Kernel, actor: UserActor, classPath: string, input: EntryInput) {
  const tid = actor.tenant.id;
  if (input.kind === "homework" && !input.dueDate) throw new AppError("validation", {}, { dueDate: { code: "field.required" } });
  if (input.kind === "homework" && input.dueDate! < input.day) throw new AppError("validation", {}, { dueDate: { code: "school.due_before_day" } });
  const subject = await k.db
    .selectFrom("school_subjects")
    .select(["id", "archived_at"])
    .where("tenant_id", "=", tid)
    .where("id", "=", input.subjectId)
    .executeTakeFirst();
  if (!subject || subject.archived_at) throw new AppError("validation", {}, { subjectId: { code: "school.subject_unknown" } });
  for (const [i, id] of input.fileIds.entries()) {
    const f = await findFile(k.db, tid, id);
    if (!f || !["document", "image"].includes(f.purpose) || !(await maySeeFile(k.db, actor, f)))
      throw new AppError("validation", {}, { [`fileIds.${i}`]: { code: "files.not_usable", params: { purpose: "document" } } });
  }
  // a link points at an item of a course that enrols the class (the pupils can open it); a quiz link at a quiz
  const links = [
    ["courseItemId", input.courseItemId],
    ["quizId", input.quizId],
  ] as const;
  for (const [field, itemId] of links) {
    if (!itemId) continue;
    const [item] = await linkableItems(k.db, tid, classPath, itemId);
    if (!item || (field === "quizId" && item.kind !== "quiz")) throw new AppError("validation", {}, { [field]: { code: "school.link_unknown" } });
  }
}

const columns = (input: EntryInput, locale: string) => ({
  subject_id: input.subjectId,
  kind: input.kind,
  day: input.day,
  due_date: input.kind === "homework" ? input.dueDate! : null,
  title: input.title,
  content: JSON.stringify(input.content),
  content_html: renderRichText(input.content, isLocale(locale) ? locale : "fr"),
  file_ids: [...new Set(input.fileIds)],
  workload_minutes: input.kind === "homework" ? (input.workloadMinutes ?? null) : null,
  course_item_id: input.courseItemId ?? null,
  quiz_id: input.quizId ?? null,
});

export async function createDiaryEntry(k: Kernel, actor: Actor, classId: string, input: EntryInput, locale: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const cls = await loadVisibleClass(k, actor, classId, { diaryReader: true });
  if (!(await mayWrite(k, actor, cls, input.subjectId))) throw new AppError("forbidden");
  await checkInput(k, actor, cls.path, input);
  const id = newId();
  await k.db
    .insertInto("school_diary_entries")
    .values({ tenant_id: actor.tenant.id, id, class_id: cls.id, author_id: actor.userId, ...columns(input, locale) })
    .execute();
  k.record({
    tenantId: actor.tenant.id,
    actorId: actor.userId,
    verb: "created",
    objectType: "diary-entry",
    objectId: id,
    context: { classId, kind: input.kind },
  });
  return presentEntry(actor, (await getEntry(k.db, actor.tenant.id, id))!);
}

/** An entry its author or the class's admins may change; anyone else who sees the class gets 403, others 404. */
async function loadEditable(k: Kernel, actor: UserActor, id: string) {
  const e = await getEntry(k.db, actor.tenant.id, id);
  if (!e) throw notFound();
  await loadVisibleClass(k, actor, e.class_id, { diaryReader: true });
  if (e.author_id !== actor.userId && !managesPath(actor, e.class_path)) throw new AppError("forbidden");
  return e;
}

export async function updateDiaryEntry(k: Kernel, actor: Actor, id: string, input: EntryInput, locale: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const e = await loadEditable(k, actor, id);
  const cls = (await getClassRow(k.db, actor.tenant.id, e.class_id))!;
  if (input.subjectId !== e.subject_id && !(await mayWrite(k, actor, cls, input.subjectId))) throw new AppError("forbidden");
  await checkInput(k, actor, cls.path, input);
  await k.db
    .updateTable("school_diary_entries")
    .set({ ...columns(input, locale), updated_at: new Date() })
    .where("tenant_id", "=", actor.tenant.id)
    .where("id", "=", id)
    .execute();
  return presentEntry(actor, (await getEntry(k.db, actor.tenant.id, id))!);
}

export async function deleteDiaryEntry(k: Kernel, actor: Actor, id: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  await loadEditable(k, actor, id);
  await k.db.deleteFrom("school_diary_entries").where("tenant_id", "=", actor.tenant.id).where("id", "=", id).execute();
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "deleted", objectType: "diary-entry", objectId: id });
  return { ok: true as const };
}
