import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadQuiz } from "../access.ts";
import { finalGrade } from "../grading.ts";
import { presentSummary } from "../present.ts";
import { type AttemptRow, listAttemptRows } from "../repo.ts";

/** Every learner of the course with their attempts on this quiz and their grade (teachers see marks whatever the review options). */
export async function listResults(k: Kernel, actor: Actor, courseId: string, itemId: string) {
  const { a, quiz } = await loadQuiz(k, actor, courseId, itemId, "teach");
  const tid = a.course.tenant_id;
  const [learners, attempts] = await Promise.all([
    k.db
      .selectFrom("course_members as m")
      .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "m.tenant_id").onRef("u.id", "=", "m.user_id"))
      .select(["u.id", "u.given_name", "u.family_name"])
      .where("m.tenant_id", "=", tid)
      .where("m.course_id", "=", courseId)
      .where("m.role", "=", "learner")
      .where("m.status", "=", "active")
      .orderBy("u.family_name")
      .orderBy("u.given_name")
      .execute(),
    listAttemptRows(k.db, tid, itemId),
  ]);
  const byUser = new Map<string, AttemptRow[]>();
  for (const x of attempts) byUser.set(x.user_id, [...(byUser.get(x.user_id) ?? []), x]);
  return {
    maxScore: quiz.max_score,
    items: learners.map((l) => {
      const list = byUser.get(l.id) ?? [];
      return {
        userId: l.id,
        name: `${l.given_name} ${l.family_name}`,
        attempts: list.map((x) => presentSummary(x, true)),
        grade: finalGrade(quiz.grading_method, list, quiz.max_score),
      };
    }),
  };
}
