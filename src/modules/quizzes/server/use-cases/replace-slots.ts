import type { z } from "zod";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { type FieldErrors, invalid } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { getVersions, latestVersions } from "../../../questions/server/api.ts";
import type { SlotInput } from "../../shared/contract.ts";
import { loadQuiz } from "../access.ts";
import { pushGrades } from "../grading.ts";
import { ensureSettingsRow, listSlotRows } from "../repo.ts";
import { presentSlots } from "./list-slots.ts";

/**
 * Sets the quiz's questions, in order. A fixed slot names a version, or a question (its latest
 * version is taken); a random slot names a category of the bank. Questions are checked to be of
 * this platform; attempts already started keep the questions they were given.
 */
export async function replaceSlots(k: Kernel, actor: Actor, courseId: string, itemId: string, slots: z.output<typeof SlotInput>[]) {
  const { a } = await loadQuiz(k, actor, courseId, itemId, "edit");
  const tid = a.course.tenant_id;
  const [versions, latest, categories] = await Promise.all([
    getVersions(
      k.db,
      tid,
      slots.flatMap((s) => (s.versionId ? [s.versionId] : [])),
    ),
    latestVersions(
      k.db,
      tid,
      slots.flatMap((s) => (!s.versionId && s.questionId ? [s.questionId] : [])),
    ),
    k.db
      .selectFrom("question_categories")
      .select("id")
      .where("tenant_id", "=", tid)
      .where("id", "in", [...new Set(slots.flatMap((s) => (s.categoryId ? [s.categoryId] : []))), "00000000-0000-0000-0000-000000000000"])
      .execute(),
  ]);
  const knownCategories = new Set(categories.map((c) => c.id));
  const errors: FieldErrors = {};
  const rows = slots.map((s, i) => {
    const at = `slots.${i}`;
    if (s.categoryId && (s.versionId || s.questionId)) errors[at] = { code: "quizzes.slot_kind" };
    if (s.categoryId) {
      if (!knownCategories.has(s.categoryId)) errors[`${at}.categoryId`] = { code: "quizzes.unknown_category" };
      return {
        tenant_id: tid,
        id: newId(),
        quiz_id: itemId,
        position: i,
        page: s.page,
        question_id: null,
        version_id: null,
        category_id: s.categoryId,
        points: s.points ?? 1,
      };
    }
    const v = s.versionId ? versions.get(s.versionId) : s.questionId ? latest.get(s.questionId) : undefined;
    if (!v || (s.questionId && v.questionId !== s.questionId)) {
      errors[`${at}.${s.versionId ? "versionId" : "questionId"}`] = { code: "quizzes.unknown_question" };
      return null;
    }
    return {
      tenant_id: tid,
      id: newId(),
      quiz_id: itemId,
      position: i,
      page: s.page,
      question_id: v.questionId,
      version_id: v.id,
      category_id: null,
      points: s.points ?? v.points,
    };
  });
  if (Object.keys(errors).length) throw invalid(errors);
  await k.db.transaction().execute(async (trx) => {
    await ensureSettingsRow(trx, tid, itemId, courseId);
    await trx.deleteFrom("quiz_slots").where("tenant_id", "=", tid).where("quiz_id", "=", itemId).execute();
    const list = rows.filter((r) => r !== null);
    if (list.length) await trx.insertInto("quiz_slots").values(list).execute();
  });
  // the maximum may have changed: the gradebook item follows
  await pushGrades(k, tid, itemId);
  return { items: await presentSlots(k, tid, await listSlotRows(k.db, tid, itemId)) };
}
