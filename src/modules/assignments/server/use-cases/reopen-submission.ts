import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadAssignment, requireMarker } from "../load.ts";
import { submissionDetail } from "./get-submission.ts";

/**
 * A marker gives submitted work back as a draft: the learner or group can change it and submit
 * again (a new receipt then). The grade and feedback already given stay.
 */
export async function reopenSubmission(k: Kernel, actor: Actor, courseId: string, itemId: string, submissionId: string) {
  const l = await loadAssignment(k, actor, courseId, itemId, "view");
  requireMarker(l);
  const row = await k.db
    .selectFrom("assignment_submissions")
    .select(["id", "status"])
    .where("tenant_id", "=", l.tid)
    .where("item_id", "=", itemId)
    .where("id", "=", submissionId)
    .executeTakeFirst();
  if (!row) throw notFound();
  if (row.status !== "submitted") throw new AppError("assignments.not_submitted", {}, undefined, 409);
  await k.db
    .updateTable("assignment_submissions")
    .set((eb) => ({ status: "draft", submitted_at: null, submitted_by: null, receipt: null, revision: eb("revision", "+", 1), updated_at: new Date() }))
    .where("tenant_id", "=", l.tid)
    .where("id", "=", submissionId)
    .execute();
  k.record({
    tenantId: l.tid,
    actorId: l.me.userId,
    verb: "reopened-submission",
    objectType: "assignment",
    objectId: itemId,
    context: { courseId, submissionId },
  });
  return submissionDetail(k, l, submissionId);
}
