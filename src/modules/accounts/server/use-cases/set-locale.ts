import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { updateUserRow } from "../repo.ts";

export async function setLocale(k: Kernel, actor: Actor, locale: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  await updateUserRow(k.db, actor.tenant.id, actor.userId, { locale });
  await k.actors.changed(actor.tenant.id, actor.userId);
}
