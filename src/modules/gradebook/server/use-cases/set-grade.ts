import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/access.ts";
import { syncCompletion } from "../completion.ts";
import { type GradeChange, getItemRow, isActiveLearner, loadStructure, toCell, totalOf, writeGrades } from "../repo.ts";
import { requireTeacher } from "./checks.ts";

/**
 * A teacher enters a grade in a column by hand, or overrides the computed grade of a quiz or an
 * assignment (a reason is then required), or drops an override (`revert`). Every change goes to
 * the history with who, when, old → new and the reason; a 'graded' completion follows the grade.
 */
export async function setGrade(
  k: Kernel,
  actor: Actor,
  courseId: string,
  itemId: string,
  userId: string,
  input: { score: number | null; reason: string; revert?: boolean },
  locale: string,
) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  const me = actor as UserActor;
  const tenantId = a.course.tenant_id;
  const [item, learner] = await Promise.all([getItemRow(k.db, tenantId, courseId, itemId), isActiveLearner(k.db, tenantId, courseId, userId)]);
  if (!item || !learner) throw notFound();
  const manual = item.source_type === "manual";
  if (input.revert && manual) throw new AppError("gradebook.not_overridden", {}, undefined, 422);
  if (input.score !== null && input.score > item.max_score)
    throw new AppError("validation", {}, { score: { code: "gradebook.score_range", params: { max: item.max_score } } });
  if (!manual && !input.reason.trim()) throw new AppError("validation", {}, { reason: { code: "gradebook.reason_required" } });
  const change: GradeChange = { userId, score: input.score, kind: input.revert ? "cleared" : manual ? "entered" : "override", reason: input.reason.trim() };
  const [written] = await writeGrades(k.db, tenantId, item, me.userId, [change]);
  if (written.changed) {
    k.record({
      tenantId,
      actorId: me.userId,
      verb: "graded",
      objectType: "grade-item",
      objectId: item.id,
      context: { courseId, userId, score: written.score, maxScore: item.max_score, kind: change.kind },
    });
    await syncCompletion(k, tenantId, item, [written]);
  }
  const [st, grades] = await Promise.all([
    loadStructure(k.db, tenantId, courseId),
    k.db
      .selectFrom("grades")
      .select(["grade_item_id as i", "score as s", "overridden as o", "override_score as v", "released as r"])
      .where("tenant_id", "=", tenantId)
      .where("course_id", "=", courseId)
      .where("user_id", "=", userId)
      .execute(),
  ]);
  const t = totalOf(st, grades, locale);
  const cell = grades.find((g) => g.i === item.id)!;
  return { cell: toCell(cell), total: t.total, totalText: t.text };
}
