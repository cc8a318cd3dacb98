import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { invalid } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { latestVersions, markVersionsUsed } from "../../../questions/server/api.ts";
import { loadQuiz, userIdOf } from "../access.ts";
import { answerPoints, pushGrades, retally, scoreAnswers } from "../grading.ts";
import { listAnswers, lockAttempt } from "../repo.ts";

/**
 * After a question was fixed (which made a new version): the quiz's slots take the latest version;
 * with regradeAttempts, every attempt given an older version gets the new one, submitted attempts
 * are scored again (a person's grade stays), each changed mark is logged, grades are sent again.
 */
export async function regrade(k: Kernel, actor: Actor, courseId: string, itemId: string, questionId: string, regradeAttempts: boolean) {
  const { a } = await loadQuiz(k, actor, courseId, itemId, "edit");
  const me = userIdOf(actor);
  const tid = a.course.tenant_id;
  const latest = (await latestVersions(k.db, tid, [questionId])).get(questionId);
  if (!latest) throw invalid({ questionId: { code: "quizzes.unknown_question" } });
  const slots = await k.db
    .updateTable("quiz_slots")
    .set({ version_id: latest.id })
    .where("tenant_id", "=", tid)
    .where("quiz_id", "=", itemId)
    .where("question_id", "=", questionId)
    .where("version_id", "!=", latest.id)
    .returning("id")
    .execute();
  if (!regradeAttempts) return { slotsUpdated: slots.length, attemptsRegraded: 0 };
  const ids = await k.db
    .selectFrom("quiz_attempts")
    .select("id")
    .where("tenant_id", "=", tid)
    .where("quiz_id", "=", itemId)
    .where("preview", "=", false)
    .where(sql<boolean>`questions @> ${JSON.stringify([{ questionId }])}::jsonb`)
    .execute();
  const users = new Set<string>();
  let regraded = 0;
  for (const { id } of ids) {
    const changed = await k.db.transaction().execute(async (trx) => {
      const t = await lockAttempt(trx, tid, id);
      if (!t?.questions.some((q) => q.questionId === questionId && q.versionId !== latest.id)) return false;
      const answers = await listAnswers(trx, tid, [id]);
      const before = t.questions.map((q, slot) =>
        answerPoints(
          q,
          answers.find((x) => x.slot === slot),
        ),
      );
      t.questions = t.questions.map((q) => (q.questionId === questionId ? { ...q, versionId: latest.id, type: latest.type } : q));
      await trx
        .updateTable("quiz_attempts")
        .set({ questions: JSON.stringify(t.questions) })
        .where("tenant_id", "=", tid)
        .where("id", "=", id)
        .execute();
      if (t.state !== "submitted") return true;
      await scoreAnswers(trx, tid, t, answers, new Map([[latest.id, latest]]));
      for (const [slot, q] of t.questions.entries()) {
        if (q.questionId !== questionId) continue;
        const after = answerPoints(
          q,
          answers.find((x) => x.slot === slot),
        );
        if (after === before[slot]) continue;
        await trx
          .insertInto("quiz_grade_log")
          .values({
            tenant_id: tid,
            id: newId(),
            attempt_id: id,
            slot,
            reason: "regrade",
            old_points: before[slot],
            new_points: after,
            comment: null,
            by_user: me,
          })
          .execute();
      }
      await retally(trx, tid, t, answers);
      users.add(t.user_id);
      return true;
    });
    if (changed) regraded++;
  }
  await markVersionsUsed(k.db, tid, [latest.id]);
  if (users.size) await pushGrades(k, tid, itemId, [...users]);
  k.record({
    tenantId: tid,
    actorId: me,
    verb: "regraded",
    objectType: "quiz",
    objectId: itemId,
    context: { questionId, versionId: latest.id, attempts: regraded },
  });
  return { slotsUpdated: slots.length, attemptsRegraded: regraded };
}
