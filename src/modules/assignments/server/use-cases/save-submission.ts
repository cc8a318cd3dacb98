import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, invalid } from "../../../../kernel/errors.ts";
import { isLocale } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { parseRichText, renderRichText } from "../../../../kernel/richtext/index.ts";
import { checkFiles, closedError } from "../checks.ts";
import { extensionFor, jsonOf, loadAssignment, windowOf } from "../load.ts";
import { presentMine, requireTarget, submissionFor } from "../mine.ts";

/**
 * Saves a draft of the learner's (or their group's) submission. Only a learner of the course,
 * while the assignment is open for them and the submission not yet submitted. `revision` guards
 * against overwriting a group mate's newer save: a stale one gets 409 with the current revision.
 */
export async function saveSubmission(
  k: Kernel,
  actor: Actor,
  courseId: string,
  itemId: string,
  input: { text?: unknown; fileIds?: string[]; revision: number },
) {
  const l = await loadAssignment(k, actor, courseId, itemId, "view");
  if (!l.access.isLearner) throw new AppError("forbidden");
  const t = await requireTarget(k, l);
  const w = windowOf(l.a, await extensionFor(k.db, l.tid, itemId, t.id));
  const closed = closedError(w.state, l.a.opens_at, w.closesAt);
  if (closed) throw closed;
  const row = await submissionFor(k, l, t);
  if (row.status === "submitted") throw new AppError("assignments.already_submitted", {}, undefined, 409);
  const patch: Record<string, unknown> = {};
  if (input.text !== undefined) {
    if (!l.a.online_text && input.text !== null) throw invalid({ text: { code: "assignments.text_not_allowed" } });
    if (input.text === null) Object.assign(patch, { text_doc: null, text_html: "" });
    else {
      const doc = parseRichText(input.text, "text");
      const lang = l.access.course.language;
      Object.assign(patch, { text_doc: JSON.stringify(doc), text_html: renderRichText(doc, isLocale(lang) ? lang : "fr") });
    }
  }
  if (input.fileIds !== undefined) {
    if (!l.a.file_submissions && input.fileIds.length) throw invalid({ fileIds: { code: "assignments.files_not_allowed" } });
    patch.file_ids = JSON.stringify(await checkFiles(k.db, l.me, input.fileIds, "fileIds", { max: l.a.max_files, maxMb: l.a.max_file_mb }));
  }
  const r = await k.db
    .updateTable("assignment_submissions")
    .set({ ...patch, status: "draft", revision: row.revision + 1, updated_at: new Date() })
    .where("tenant_id", "=", l.tid)
    .where("id", "=", row.id)
    .where("revision", "=", input.revision)
    .where("status", "<>", "submitted")
    .returningAll()
    .executeTakeFirst();
  if (!r) throw new AppError("assignments.stale_revision", { revision: row.revision }, undefined, 409, { revision: row.revision });
  k.record({
    tenantId: l.tid,
    actorId: l.me.userId,
    verb: "saved-draft",
    objectType: "assignment",
    objectId: itemId,
    context: { courseId, submissionId: r.id, files: jsonOf<string[]>(r.file_ids).length },
  });
  return presentMine(k, l, t, r);
}
