import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { getVersions } from "../../../questions/server/api.ts";
import type { QuestionResponse } from "../../../questions/shared/types.ts";
import { loadQuiz } from "../access.ts";
import { answerPoints } from "../grading.ts";
import { publicOf } from "../present.ts";
import { type FrozenQuestion, listAnswers, quizRubrics } from "../repo.ts";

/** Answers a person must grade (essays, files without a grade yet), oldest submission first. */
export async function gradingQueue(k: Kernel, actor: Actor, courseId: string, itemId: string) {
  const { a } = await loadQuiz(k, actor, courseId, itemId, "teach");
  const tid = a.course.tenant_id;
  const attempts = await k.db
    .selectFrom("quiz_attempts as t")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "t.tenant_id").onRef("u.id", "=", "t.user_id"))
    .select(["t.id", "t.user_id", "t.number", "t.questions", "t.submitted_at", "u.given_name", "u.family_name"])
    .where("t.tenant_id", "=", tid)
    .where("t.quiz_id", "=", itemId)
    .where("t.needs_grading", "=", true)
    .where("t.preview", "=", false)
    .orderBy("t.submitted_at")
    .limit(200)
    .execute();
  const questions = new Map(attempts.map((t) => [t.id, (typeof t.questions === "string" ? JSON.parse(t.questions) : t.questions) as FrozenQuestion[]]));
  const [answers, versions, rubrics] = await Promise.all([
    listAnswers(
      k.db,
      tid,
      attempts.map((t) => t.id),
    ),
    getVersions(
      k.db,
      tid,
      [...questions.values()].flatMap((qs) => qs.map((q) => q.versionId)),
    ),
    quizRubrics(k.db, tid, itemId),
  ]);
  const byAttempt = new Map(attempts.map((t) => [t.id, t]));
  const items = answers
    .filter((ans) => {
      const q = questions.get(ans.attempt_id)?.[ans.slot];
      return q && answerPoints(q, ans) === null;
    })
    .map((ans) => {
      const t = byAttempt.get(ans.attempt_id)!;
      const q = questions.get(ans.attempt_id)![ans.slot];
      const v = versions.get(q.versionId)!;
      const def = v.definition as { graderInfo?: string };
      return {
        attemptId: t.id,
        userId: t.user_id,
        name: `${t.given_name} ${t.family_name}`,
        number: t.number,
        slot: ans.slot,
        points: q.points,
        question: { ...publicOf(v, q.seed), points: q.points },
        graderInfo: def.graderInfo ?? "",
        rubric: rubrics.get(q.questionId)?.definition ?? null,
        response: (ans.response ?? null) as QuestionResponse | null,
        submittedAt: t.submitted_at ? new Date(t.submitted_at).toISOString() : null,
      };
    })
    .sort((x, y) => (x.submittedAt ?? "").localeCompare(y.submittedAt ?? "") || x.slot - y.slot);
  return { items };
}
