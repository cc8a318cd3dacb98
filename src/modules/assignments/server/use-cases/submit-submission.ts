import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, invalid } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { memberIdsOf } from "../../../groups/server/index.ts";
import { closedError } from "../checks.ts";
import { extensionFor, filesOf, isLate, jsonOf, loadAssignment, windowOf } from "../load.ts";
import { findSubmission, presentMine, requireTarget } from "../mine.ts";
import { mailReceipt, receiptOf } from "../receipt.ts";

/**
 * Submits the saved draft: it becomes read-only, gets a receipt (shown and mailed to the
 * submitter, or to every group member), and counts as late after the due date that applies.
 * Refused when closed, when empty, or when `revision` is not the latest save (someone in the
 * group changed it meanwhile: they must look at it first). Submitting twice is a 409.
 */
export async function submitSubmission(k: Kernel, actor: Actor, courseId: string, itemId: string, revision: number, base: string) {
  const l = await loadAssignment(k, actor, courseId, itemId, "view");
  if (!l.access.isLearner) throw new AppError("forbidden");
  const t = await requireTarget(k, l);
  const w = windowOf(l.a, await extensionFor(k.db, l.tid, itemId, t.id));
  const closed = closedError(w.state, l.a.opens_at, w.closesAt);
  if (closed) throw closed;
  const row = await findSubmission(k.db, l.tid, itemId, t);
  if (row?.status === "submitted") throw new AppError("assignments.already_submitted", {}, undefined, 409);
  const fileIds = row ? jsonOf<string[]>(row.file_ids) : [];
  const hasText = !!row?.text_html.replace(/<[^>]*>/g, "").trim() || /<(img|math|figure)/.test(row?.text_html ?? "");
  if (!row || (!hasText && fileIds.length === 0)) throw invalid({ text: { code: "assignments.empty_submission" } });
  if (row.revision !== revision) throw new AppError("assignments.stale_revision", { revision: row.revision }, undefined, 409, { revision: row.revision });
  const files = await filesOf(k.db, l.tid, fileIds);
  const submittedAt = new Date();
  const receipt = receiptOf({ itemId, participant: t.id, textDoc: jsonOf(row.text_doc), files, submittedAt });
  const r = await k.db
    .updateTable("assignment_submissions")
    .set({ status: "submitted", submitted_at: submittedAt, submitted_by: l.me.userId, receipt, updated_at: submittedAt })
    .where("tenant_id", "=", l.tid)
    .where("id", "=", row.id)
    .where("revision", "=", revision)
    .where("status", "<>", "submitted")
    .returningAll()
    .executeTakeFirst();
  if (!r) throw new AppError("assignments.already_submitted", {}, undefined, 409);
  const late = isLate(submittedAt, w.dueAt);
  k.record({
    tenantId: l.tid,
    actorId: l.me.userId,
    verb: "submitted",
    objectType: "assignment",
    objectId: itemId,
    context: { courseId, submissionId: r.id, groupId: r.group_id, late, receipt },
  });
  const to = t.kind === "group" ? ((await memberIdsOf(k.db, l.tid, [t.id])).get(t.id) ?? []) : [l.me.userId];
  await mailReceipt(k, l, to, { receipt, submittedAt, files, hasText, groupName: t.kind === "group" ? t.name : null, late }, base);
  return presentMine(k, l, t, r);
}
