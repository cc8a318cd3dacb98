import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { Preferences } from "../../shared/contract.ts";
import { loadPrefs, savePrefs } from "../prefs.ts";

export async function getPreferences(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  return loadPrefs(k.db, actor.tenant.id, actor.userId);
}

export async function updatePreferences(k: Kernel, actor: Actor, p: Partial<Preferences>) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const saved = await savePrefs(k.db, actor.tenant.id, actor.userId, p);
  k.record({
    tenantId: actor.tenant.id,
    actorId: actor.userId,
    verb: "updated",
    objectType: "notification-preferences",
    objectId: actor.userId,
    context: saved,
  });
  return saved;
}
