import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadAssignment } from "../load.ts";

/** Ends anonymous marking for everyone (course editors only); it cannot be switched back on. */
export async function revealIdentities(k: Kernel, actor: Actor, courseId: string, itemId: string) {
  const l = await loadAssignment(k, actor, courseId, itemId, "edit");
  const now = new Date();
  await k.db
    .updateTable("assignments")
    .set({ revealed_at: now, updated_at: now })
    .where("tenant_id", "=", l.tid)
    .where("item_id", "=", itemId)
    .where("revealed_at", "is", null)
    .execute();
  k.record({ tenantId: l.tid, actorId: l.me.userId, verb: "revealed-identities", objectType: "assignment", objectId: itemId, context: { courseId } });
}
