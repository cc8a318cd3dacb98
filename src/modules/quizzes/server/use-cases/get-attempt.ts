import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { Attempt } from "../../shared/contract.ts";
import { loadAttempt } from "../access.ts";
import { finishAttempt } from "../grading.ts";
import { type LogRow, presentAttempt } from "../present.ts";
import { findAttempt, findQuizById } from "../repo.ts";
import { isOverdue } from "./submit-attempt.ts";

/** An attempt for its learner or a teacher of the course; an attempt past its deadline is submitted first. */
export async function getAttempt(k: Kernel, actor: Actor, attemptId: string): Promise<Attempt> {
  const tid = actor.tenant!.id;
  let { attempt, grader } = await loadAttempt(k, actor, attemptId);
  if (isOverdue(attempt) && (await finishAttempt(k, tid, attempt.id, { auto: true, by: null }))) attempt = (await findAttempt(k.db, tid, attemptId))!;
  const [quiz, person, log] = await Promise.all([
    findQuizById(k.db, tid, attempt.quiz_id),
    k.db.selectFrom("users").select(["given_name", "family_name"]).where("tenant_id", "=", tid).where("id", "=", attempt.user_id).executeTakeFirst(),
    grader
      ? k.db
          .selectFrom("quiz_grade_log as l")
          .leftJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "l.tenant_id").onRef("u.id", "=", "l.by_user"))
          .select(["l.slot", "l.reason", "l.old_points", "l.new_points", "l.comment", "l.rubric_fill", "l.at"])
          .select((eb) => eb.fn<string>("concat_ws", [eb.val(" "), "u.given_name", "u.family_name"]).as("by_name"))
          .where("l.tenant_id", "=", tid)
          .where("l.attempt_id", "=", attemptId)
          .orderBy("l.at")
          .execute()
      : Promise.resolve([] as LogRow[]),
  ]);
  if (!quiz) throw notFound();
  return presentAttempt(k.db, tid, attempt, quiz, { grader, learnerName: person ? `${person.given_name} ${person.family_name}` : "", log: log as LogRow[] });
}
