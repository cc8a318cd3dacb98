import type { Actor } from "../../../../kernel/auth/actor.ts";
import { forbidden } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { isPlatformAdmin, requireBrowser } from "../access.ts";
import { saveSettings, teachersMayPublish } from "../repo.ts";

export async function getSettings(k: Kernel, actor: Actor) {
  requireBrowser(actor);
  return { teachersMayPublish: await teachersMayPublish(k.db, actor.tenant.id), canChange: isPlatformAdmin(actor) };
}

/** Platform admins decide whether course editors may publish in the library. */
export async function updateSettings(k: Kernel, actor: Actor, teachersMay: boolean) {
  requireBrowser(actor);
  if (!isPlatformAdmin(actor)) throw forbidden();
  await saveSettings(k.db, actor.tenant.id, teachersMay);
  return { teachersMayPublish: teachersMay, canChange: true };
}
