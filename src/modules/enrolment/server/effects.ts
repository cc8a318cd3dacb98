import type { UserActor } from "../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { type ItemLite, progressOf, type ProgressLite } from "./completion.ts";
import { itemsOf, markCourseCompleted, progressOfUser } from "./repo.ts";
import { advanceProgrammes } from "./programmes.ts";

/**
 * After a learner's progress changed: the course is completed (once, recorded as an event) when
 * every item with a rule that is meant for them is complete; their programmes then move on.
 */
export async function afterProgress(k: Kernel, actor: UserActor, courseId: string, known?: { items: ItemLite[]; progress: ProgressLite[] }) {
  const tenantId = actor.tenant.id;
  const [items, progress] = known
    ? [known.items, known.progress]
    : await Promise.all([itemsOf(k.db, tenantId, [courseId]), progressOfUser(k.db, tenantId, actor.userId, [courseId])]);
  const p = progressOf(items, progress, actor);
  if (p.total > 0 && p.completed === p.total) {
    const done = await markCourseCompleted(k.db, tenantId, courseId, actor.userId);
    if (done) {
      k.record({ tenantId, actorId: actor.userId, verb: "completed", objectType: "course", objectId: courseId });
      await advanceProgrammes(k, tenantId, actor.userId, courseId);
    }
  }
  return p;
}
