import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { presentPlatform } from "../present.ts";
import { hostnamesTaken, listTenants, networkPlace, replaceHostnames, updateTenant } from "../repo.ts";
import { checkParent } from "./create-platform.ts";

export async function updatePlatform(k: Kernel, actor: Actor, id: string, p: { hostnames?: string[]; defaultLocale?: string; parentId?: string | null; status?: "active" | "suspended" }) {
  authorize(actor, "platform.create");
  const [current] = await listTenants(k.db, id);
  if (!current) throw notFound();
  // the deployment admin's own platform cannot be suspended from under them
  if (p.status === "suspended" && id === actor.tenant.id) throw new AppError("platforms.cannot_suspend_own", {}, undefined, 422);
  if (p.parentId && p.parentId !== current.parent_id) {
    const place = await networkPlace(k.db, id);
    const fields = await checkParent(k, p.parentId, { id, hasChildren: !!place?.has_children });
    if (Object.keys(fields).length) throw new AppError("validation", {}, fields);
  }
  if (p.hostnames) {
    const taken = await hostnamesTaken(k.db, p.hostnames, id);
    if (taken.length) throw new AppError("validation", {}, { hostnames: { code: "platforms.hostname_taken", params: { hostname: taken[0].hostname } } });
  }
  await k.db.transaction().execute(async (trx) => {
    if (p.hostnames) await replaceHostnames(trx, id, [...new Set(p.hostnames)]);
    if (p.defaultLocale || p.status || p.parentId !== undefined) await updateTenant(trx, id, { default_locale: p.defaultLocale, status: p.status, parent_id: p.parentId });
  });
  if (p.parentId !== undefined && p.parentId !== current.parent_id)
    k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "moved", objectType: "platform", objectId: id, context: { parentId: p.parentId } });
  await k.bus.publish("platforms.changed", {});
  return presentPlatform((await listTenants(k.db, id))[0]);
}
