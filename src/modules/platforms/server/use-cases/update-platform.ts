import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { presentPlatform } from "../present.ts";
import { hostnamesTaken, listTenants, replaceHostnames, updateTenant } from "../repo.ts";

export async function updatePlatform(k: Kernel, actor: Actor, id: string, p: { hostnames?: string[]; defaultLocale?: string; status?: "active" | "suspended" }) {
  authorize(actor, "platform.create");
  const [current] = await listTenants(k.db, id);
  if (!current) throw notFound();
  // the deployment admin's own platform cannot be suspended from under them
  if (p.status === "suspended" && id === actor.tenant.id) throw new AppError("platforms.cannot_suspend_own", {}, undefined, 422);
  if (p.hostnames) {
    const taken = await hostnamesTaken(k.db, p.hostnames, id);
    if (taken.length) throw new AppError("validation", {}, { hostnames: { code: "platforms.hostname_taken", params: { hostname: taken[0].hostname } } });
  }
  await k.db.transaction().execute(async (trx) => {
    if (p.hostnames) await replaceHostnames(trx, id, [...new Set(p.hostnames)]);
    if (p.defaultLocale || p.status) await updateTenant(trx, id, { default_locale: p.defaultLocale, status: p.status });
  });
  await k.bus.publish("platforms.changed", {});
  return presentPlatform((await listTenants(k.db, id))[0]);
}
