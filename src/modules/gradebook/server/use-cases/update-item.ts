import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { effectiveScore } from "../../shared/compute.ts";
import { syncCompletion } from "../completion.ts";
import { getItemRow, toItem } from "../repo.ts";
import { checkCategory, requireTeacher } from "./checks.ts";

/**
 * A course editor moves an item to a category or releases (hides) all its grades; a column by
 * hand may also change title and scores (a quiz or assignment keeps them from its source). A new
 * pass score re-decides the 'graded' completion of everyone graded.
 */
export async function updateItem(
  k: Kernel,
  actor: Actor,
  courseId: string,
  itemId: string,
  input: { title?: string; maxScore?: number; passScore?: number | null; categoryId?: string | null; released?: boolean },
) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  requireCourse(a, "edit");
  const tenantId = a.course.tenant_id;
  const item = await getItemRow(k.db, tenantId, courseId, itemId);
  if (!item) throw notFound();
  const manual = item.source_type === "manual";
  if (!manual && (input.title !== undefined || input.maxScore !== undefined || input.passScore !== undefined))
    throw new AppError("gradebook.from_source", {}, undefined, 422);
  await checkCategory(k.db, tenantId, courseId, input.categoryId);
  const max = input.maxScore ?? item.max_score;
  const pass = input.passScore === undefined ? item.pass_score : input.passScore;
  if (pass !== null && pass > max) throw new AppError("validation", {}, { passScore: { code: "gradebook.pass_score", params: { max } } });
  if (input.maxScore !== undefined && input.maxScore < item.max_score) {
    // a lower maximum may not leave grades above it
    const over = await k.db
      .selectFrom("grades")
      .select("user_id")
      .where("tenant_id", "=", tenantId)
      .where("grade_item_id", "=", itemId)
      .where("score", ">", input.maxScore)
      .executeTakeFirst();
    if (over) throw new AppError("validation", {}, { maxScore: { code: "gradebook.max_below_grades" } });
  }
  const row = await k.db.transaction().execute(async (tx) => {
    const r = await tx
      .updateTable("grade_items")
      .set({
        ...(input.title !== undefined && { title: input.title }),
        ...(input.maxScore !== undefined && { max_score: input.maxScore }),
        ...(input.passScore !== undefined && { pass_score: input.passScore }),
        ...(input.categoryId !== undefined && { category_id: input.categoryId }),
        ...(input.released !== undefined && { released: input.released }),
        updated_at: new Date(),
      })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", itemId)
      .returning(["id", "title", "source_type", "course_item_id", "category_id", "max_score", "pass_score", "released", "position", "course_id"])
      .executeTakeFirstOrThrow();
    if (input.released !== undefined && input.released !== item.released)
      await tx.updateTable("grades").set({ released: input.released }).where("tenant_id", "=", tenantId).where("grade_item_id", "=", itemId).execute();
    return r;
  });
  const me = actor as UserActor;
  if (input.released !== undefined && input.released !== item.released)
    k.record({ tenantId, actorId: me.userId, verb: input.released ? "released" : "hidden", objectType: "grade-item", objectId: itemId, context: { courseId } });
  if (pass !== item.pass_score && row.course_item_id) {
    const grades = await k.db
      .selectFrom("grades")
      .select(["user_id", "score", "overridden", "override_score"])
      .where("tenant_id", "=", tenantId)
      .where("grade_item_id", "=", itemId)
      .execute();
    await syncCompletion(
      k,
      tenantId,
      row,
      grades.map((g) => ({ userId: g.user_id, score: effectiveScore(g) })),
    );
  }
  return toItem(row);
}
