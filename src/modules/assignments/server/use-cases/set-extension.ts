import type { Actor } from "../../../../kernel/auth/actor.ts";
import { invalid, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadAssignment, requireMarker } from "../load.ts";
import { markingRows } from "../marking.ts";

/**
 * Gives a participant (learner or group) until a date, which replaces both the due date and the
 * cut-off for them; null withdraws it. The date must be after the assignment's due date.
 */
export async function setExtension(k: Kernel, actor: Actor, courseId: string, itemId: string, submissionId: string, dueAt: string | null) {
  const l = await loadAssignment(k, actor, courseId, itemId, "view");
  requireMarker(l);
  const row = await k.db
    .selectFrom("assignment_submissions")
    .select(["id", "user_id", "group_id"])
    .where("tenant_id", "=", l.tid)
    .where("item_id", "=", itemId)
    .where("id", "=", submissionId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const target = row.user_id ?? row.group_id!;
  if (dueAt === null) {
    await k.db.deleteFrom("assignment_extensions").where("tenant_id", "=", l.tid).where("item_id", "=", itemId).where("target_id", "=", target).execute();
  } else {
    const due = new Date(dueAt);
    if (l.a.due_at && due <= new Date(l.a.due_at)) throw invalid({ dueAt: { code: "assignments.extension_before_due" } });
    await k.db
      .insertInto("assignment_extensions")
      .values({ tenant_id: l.tid, item_id: itemId, target_id: target, target_type: row.user_id ? "user" : "group", due_at: due, granted_by: l.me.userId })
      .onConflict((oc) => oc.columns(["tenant_id", "item_id", "target_id"]).doUpdateSet({ due_at: due, granted_by: l.me.userId }))
      .execute();
  }
  k.record({
    tenantId: l.tid,
    actorId: l.me.userId,
    verb: "granted-extension",
    objectType: "assignment",
    objectId: itemId,
    context: { courseId, submissionId, dueAt },
  });
  const { rows, present } = await markingRows(k, l, submissionId);
  return present(rows[0]);
}
