import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { GRACE_SECONDS } from "../../shared/contract.ts";
import { loadAttempt, userIdOf } from "../access.ts";
import { finishAttempt } from "../grading.ts";
import type { AttemptRow } from "../repo.ts";
import { getAttempt } from "./get-attempt.ts";

export const isOverdue = (a: Pick<AttemptRow, "state" | "deadline">, now = Date.now()) =>
  a.state === "in_progress" && !!a.deadline && new Date(a.deadline).getTime() + GRACE_SECONDS * 1000 < now;

/** Submits, with their saved answers, the attempts of this list that ran past their deadline; tells whether any was. */
export async function submitIfOverdue(k: Kernel, tenantId: string, attempts: AttemptRow[]) {
  let any = false;
  for (const a of attempts) if (isOverdue(a)) any = (await finishAttempt(k, tenantId, a.id, { auto: true, by: null })) || any;
  return any;
}

/** The learner submits; a second submission (double click, a retry after a lost reply) changes nothing. */
export async function submitAttempt(k: Kernel, actor: Actor, attemptId: string) {
  const me = userIdOf(actor);
  const { attempt } = await loadAttempt(k, actor, attemptId);
  // only its learner submits an attempt (a teacher's request is refused as if it did not exist)
  if (attempt.user_id !== me) return getAttempt(k, actor, attemptId);
  await finishAttempt(k, actor.tenant!.id, attemptId, { auto: isOverdue(attempt), by: me });
  return getAttempt(k, actor, attemptId);
}
