import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, invalid, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { getVersions } from "../../../questions/server/api.ts";
import { MANUAL_TYPES } from "../../../questions/shared/types.ts";
import { deleteRubric, parseRubric, saveRubric } from "../../../rubrics/server/index.ts";
import { loadQuiz } from "../access.ts";
import { listSlotRows, quizRubrics } from "../repo.ts";
import { presentSlots } from "./list-slots.ts";

/**
 * Gives a manually graded question of the quiz (essay, file) a rubric or marking guide, replaces
 * it, or removes it (null: plain points again). Refused (409) once an answer was graded with the
 * current one and the new one differs: the levels already chosen would no longer mean anything.
 */
export async function setQuestionRubric(k: Kernel, actor: Actor, courseId: string, itemId: string, questionId: string, input: unknown) {
  const { a } = await loadQuiz(k, actor, courseId, itemId, "edit");
  const tid = a.course.tenant_id;
  const definition = input === null ? null : parseRubric(input);
  const slots = await listSlotRows(k.db, tid, itemId);
  const slot = slots.find((s) => s.question_id === questionId);
  if (!slot?.version_id) throw notFound();
  const v = (await getVersions(k.db, tid, [slot.version_id])).get(slot.version_id);
  if (!v || !MANUAL_TYPES.includes(v.type)) throw invalid({ rubric: { code: "quizzes.rubric_manual_only" } });
  const current = (await quizRubrics(k.db, tid, itemId, [questionId])).get(questionId);
  if (JSON.stringify(definition) !== JSON.stringify(current?.definition ?? null) && current) {
    const used = await sql<{ one: number }>`
      select 1 as one from quiz_grade_log l
      join quiz_attempts t on t.tenant_id = l.tenant_id and t.id = l.attempt_id
      where l.tenant_id = ${tid} and t.quiz_id = ${itemId} and l.rubric_fill is not null
        and t.questions -> l.slot ->> 'questionId' = ${questionId}
      limit 1`.execute(k.db);
    if (used.rows.length) throw new AppError("quizzes.rubric_in_use", {}, undefined, 409);
  }
  if (definition === null) {
    if (current) await deleteRubric(k.db, tid, current.rubricId);
  } else {
    const rubricId = await saveRubric(k.db, tid, courseId, current?.rubricId ?? null, definition);
    await k.db
      .insertInto("quiz_rubrics")
      .values({ tenant_id: tid, quiz_id: itemId, question_id: questionId, rubric_id: rubricId })
      .onConflict((oc) => oc.columns(["tenant_id", "quiz_id", "question_id"]).doUpdateSet({ rubric_id: rubricId }))
      .execute();
  }
  return { items: await presentSlots(k, tid, slots) };
}
