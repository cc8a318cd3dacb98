import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { recordGrades } from "../../../gradebook/server/api.ts";
import { notifyGradesReleased } from "../../../gradebook/server/index.ts";
import { memberIdsOf } from "../../../groups/server/index.ts";
import { ensureGradeItem } from "../checks.ts";
import { loadAssignment, requireMarker } from "../load.ts";

/**
 * Releases grades and feedback: learners (every member of a graded group) see them, and the
 * gradebook shows them; each of them is notified. Grades given afterwards are released at once
 * (and notified then). Releasing again is harmless.
 */
export async function releaseGrades(k: Kernel, actor: Actor, courseId: string, itemId: string) {
  const l = await loadAssignment(k, actor, courseId, itemId, "view");
  requireMarker(l);
  const now = new Date();
  const first = await k.db
    .updateTable("assignments")
    .set({ released_at: now, updated_at: now })
    .where("tenant_id", "=", l.tid)
    .where("item_id", "=", itemId)
    .where("released_at", "is", null)
    .executeTakeFirst();
  const graded = await k.db
    .selectFrom("assignment_submissions")
    .select(["user_id", "group_id", "score", "graded_by"])
    .where("tenant_id", "=", l.tid)
    .where("item_id", "=", itemId)
    .where("graded_at", "is not", null)
    .execute();
  const members = await memberIdsOf(
    k.db,
    l.tid,
    graded.flatMap((g) => (g.group_id ? [g.group_id] : [])),
  );
  const grades = graded.flatMap((g) =>
    (g.user_id ? [g.user_id] : (members.get(g.group_id!) ?? [])).map((userId) => ({
      userId,
      score: g.score === null ? null : Number(g.score),
      released: true,
      gradedBy: g.graded_by,
    })),
  );
  await ensureGradeItem(k, l);
  await recordGrades(k, l.tid, { type: "assignment", id: itemId }, grades);
  // learners hear about it the first time only (in the app and by mail, through a background job)
  if (Number(first.numUpdatedRows) > 0)
    await notifyGradesReleased(
      k,
      l.tid,
      { kind: "assignment", courseId, itemId },
      grades.filter((g) => g.score !== null).map((g) => g.userId),
    );
  k.record({
    tenantId: l.tid,
    actorId: l.me.userId,
    verb: "released-grades",
    objectType: "assignment",
    objectId: itemId,
    context: { courseId, count: grades.length },
  });
  return { released: grades.length };
}
