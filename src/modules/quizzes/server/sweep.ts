import { crossTenant } from "../../../kernel/db/database.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { notifyGradesReleased } from "../../gradebook/server/index.ts";
import { GRACE_SECONDS } from "../shared/contract.ts";
import { finishAttempt, pushGrades } from "./grading.ts";

/**
 * Submits, with their saved answers, attempts left running past their deadline and grace (the
 * learner closed the tab), and releases the grades of quizzes whose marks are shown after closing
 * once they have closed. Safe on several nodes: submission is a conditional update under the
 * attempt's row lock, release a conditional update. Returns how many attempts were submitted.
 */
export async function sweepQuizzes(k: Kernel, now = new Date()): Promise<number> {
  const overdue = await crossTenant(k.db)
    .selectFrom("quiz_attempts")
    .select(["tenant_id", "id"])
    .where("state", "=", "in_progress")
    .where("deadline", "<", new Date(now.getTime() - GRACE_SECONDS * 1000))
    .orderBy("deadline")
    .limit(500)
    .execute();
  let n = 0;
  for (const a of overdue) if (await finishAttempt(k, a.tenant_id, a.id, { auto: true, by: null })) n++;
  const closed = await crossTenant(k.db)
    .updateTable("quizzes")
    .set({ grades_released_at: now })
    .where("grades_released_at", "is", null)
    .where("review_marks", "=", "after_close")
    .where("closes_at", "<=", now)
    .returning(["tenant_id", "item_id"])
    .execute();
  for (const q of closed) {
    const pushed = await pushGrades(k, q.tenant_id, q.item_id);
    // marks are shown from now on: learners with a grade are told
    const graded = pushed?.grades.filter((g) => g.score !== null).map((g) => g.userId) ?? [];
    if (pushed && graded.length) await notifyGradesReleased(k, q.tenant_id, { kind: "quiz", courseId: pushed.quiz.course_id, itemId: q.item_id }, graded);
  }
  return n;
}

/** Runs the sweep every `everyMs` (30 s); returns a stop function. */
export function startQuizSweeper(k: Kernel, log: (e: unknown) => void, everyMs = 30_000) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await sweepQuizzes(k);
    } catch (e) {
      log(e);
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
