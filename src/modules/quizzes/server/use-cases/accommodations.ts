import type { Actor } from "../../../../kernel/auth/actor.ts";
import { invalid } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadQuiz } from "../access.ts";
import { ensureSettingsRow } from "../repo.ts";

async function list(k: Kernel, tid: string, itemId: string) {
  const rows = await k.db
    .selectFrom("quiz_accommodations as a")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "a.tenant_id").onRef("u.id", "=", "a.user_id"))
    .select(["a.user_id", "a.extra_time_s", "a.extra_attempts", "u.given_name", "u.family_name"])
    .where("a.tenant_id", "=", tid)
    .where("a.quiz_id", "=", itemId)
    .orderBy("u.family_name")
    .execute();
  return {
    items: rows.map((r) => ({
      userId: r.user_id,
      name: `${r.given_name} ${r.family_name}`,
      extraMinutes: Math.round(r.extra_time_s / 60),
      extraAttempts: r.extra_attempts,
    })),
  };
}

/** Learners with extra time or attempts on a quiz (teachers). */
export async function listAccommodations(k: Kernel, actor: Actor, courseId: string, itemId: string) {
  const { a } = await loadQuiz(k, actor, courseId, itemId, "teach");
  return list(k, a.course.tenant_id, itemId);
}

/**
 * Gives a learner of the course extra time (applies to attempts started afterwards) or extra
 * attempts; zero and zero removes the accommodation.
 */
export async function setAccommodation(
  k: Kernel,
  actor: Actor,
  courseId: string,
  itemId: string,
  userId: string,
  input: { extraMinutes: number; extraAttempts: number },
) {
  const { a } = await loadQuiz(k, actor, courseId, itemId, "teach");
  const tid = a.course.tenant_id;
  const member = await k.db
    .selectFrom("course_members")
    .select("user_id")
    .where("tenant_id", "=", tid)
    .where("course_id", "=", courseId)
    .where("user_id", "=", userId)
    .where("role", "=", "learner")
    .executeTakeFirst();
  if (!member) throw invalid({ userId: { code: "quizzes.not_a_learner" } });
  await ensureSettingsRow(k.db, tid, itemId, courseId);
  if (input.extraMinutes === 0 && input.extraAttempts === 0) {
    await k.db.deleteFrom("quiz_accommodations").where("tenant_id", "=", tid).where("quiz_id", "=", itemId).where("user_id", "=", userId).execute();
  } else {
    const values = { extra_time_s: input.extraMinutes * 60, extra_attempts: input.extraAttempts };
    await k.db
      .insertInto("quiz_accommodations")
      .values({ tenant_id: tid, quiz_id: itemId, user_id: userId, ...values })
      .onConflict((oc) => oc.columns(["tenant_id", "quiz_id", "user_id"]).doUpdateSet(values))
      .execute();
  }
  return list(k, tid, itemId);
}
