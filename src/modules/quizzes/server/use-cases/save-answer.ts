import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, invalid, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { QuestionResponse } from "../../../questions/shared/types.ts";
import { GRACE_SECONDS } from "../../shared/contract.ts";
import { userIdOf } from "../access.ts";
import { explainRefusal, storeAnswer } from "../repo.ts";

/**
 * The autosave. One statement in the common case: the answer is stored, and committed, only if its
 * sequence number is greater than the stored one, so a replayed or late save never overwrites a
 * newer one. The reply carries the stored seq: the client's save is acknowledged when it is at
 * least its own. When nothing was stored a second query tells why (stale seq: still 200).
 */
export async function saveAnswer(k: Kernel, actor: Actor, attemptId: string, slot: number, seq: number, response: QuestionResponse | null) {
  const me = userIdOf(actor);
  const tid = actor.tenant!.id;
  const stored = await storeAnswer(k.db, tid, me, attemptId, slot, seq, response?.type ?? null, response, GRACE_SECONDS);
  if (stored !== undefined) {
    // a teacher's preview leaves no trace in the events
    if (!stored.preview) k.record({ tenantId: tid, actorId: me, verb: "answered", objectType: "quiz-attempt", objectId: attemptId, context: { slot, seq } });
    return { slot, seq: stored.seq, stored: true };
  }
  const why = await explainRefusal(k.db, tid, me, attemptId, slot);
  if (!why) throw notFound();
  if (why.state !== "in_progress") throw new AppError("quizzes.attempt_submitted", {}, undefined, 409);
  if (why.overdue) throw new AppError("quizzes.time_up", {}, undefined, 409);
  if (slot >= why.slots) throw notFound();
  if (response && why.type !== response.type) throw invalid({ "response.type": { code: "quizzes.wrong_type" } });
  if (why.seq === null) throw new AppError("conflict");
  // stale or replayed: the stored answer is as new or newer
  return { slot, seq: why.seq, stored: false };
}
