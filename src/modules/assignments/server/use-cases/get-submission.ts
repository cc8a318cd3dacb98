import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { SubmissionDetail } from "../../shared/contract.ts";
import { filesOf, jsonOf, type Loaded, loadAssignment, type SubmissionRow } from "../load.ts";
import { markingRows } from "../marking.ts";

export async function submissionDetail(k: Kernel, l: Loaded, submissionId: string): Promise<SubmissionDetail> {
  const { rows, present } = await markingRows(k, l, submissionId);
  const r: SubmissionRow | undefined = rows[0];
  if (!r) throw notFound();
  const [files, feedbackFiles] = await Promise.all([
    filesOf(k.db, l.tid, jsonOf<string[]>(r.file_ids)),
    filesOf(k.db, l.tid, jsonOf<string[]>(r.feedback_file_ids)),
  ]);
  return {
    ...present(r),
    // a draft is the learner's until they submit it
    textHtml: r.status === "submitted" ? r.text_html : "",
    files: r.status === "submitted" ? files : [],
    receipt: r.receipt,
    rubricFill: jsonOf(r.rubric_fill) ?? null,
    feedbackDoc: jsonOf(r.feedback_doc) ?? null,
    feedbackHtml: r.feedback_html,
    feedbackFiles,
    gradedAt: r.graded_at ? new Date(r.graded_at).toISOString() : null,
  };
}

/**
 * One submission for a marker: what was submitted, the grade and feedback given so far. Anyone
 * else gets 404, as for a submission that does not exist (learners read theirs on the assignment).
 */
export async function getSubmission(k: Kernel, actor: Actor, courseId: string, itemId: string, submissionId: string) {
  const l = await loadAssignment(k, actor, courseId, itemId, "view");
  if (!l.access.canTeach) throw notFound();
  return submissionDetail(k, l, submissionId);
}
