import type { Actor } from "../../../../kernel/auth/actor.ts";
import { forbidden, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { isPlatformAdmin, requireBrowser } from "../access.ts";
import { entryById } from "../repo.ts";

/** Hides an entry from the library (its platform's admins); copies made from it stay, linked ones hear no more of it. */
export async function withdrawEntry(k: Kernel, actor: Actor, id: string) {
  requireBrowser(actor);
  const e = await entryById(k.db, id);
  if (!e || e.publisher_tenant_id !== actor.tenant.id) throw notFound();
  if (!isPlatformAdmin(actor)) throw forbidden();
  await k.db.updateTable("library_entries").set({ withdrawn_at: new Date(), updated_at: new Date() }).where("id", "=", id).execute();
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "withdrawn", objectType: "library-entry", objectId: id });
}
