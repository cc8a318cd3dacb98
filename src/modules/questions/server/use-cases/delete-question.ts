import type { UserActor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadQuestion } from "../access.ts";

/** Soft delete: attempts keep pointing at the versions they used. */
export async function deleteQuestion(k: Kernel, actor: UserActor, questionId: string) {
  await loadQuestion(k.db, actor, questionId, "edit");
  await k.db.updateTable("questions").set({ deleted_at: new Date() }).where("tenant_id", "=", actor.tenant.id).where("id", "=", questionId).execute();
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "deleted", objectType: "question", objectId: questionId });
}
