import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { usageDays, usageTotals } from "../repo.ts";

/** The first day of a period of `days` days ending today, in the deployment's time zone. */
export const daysAgo = (k: Kernel, days: number) => new Date(Date.now() - (days - 1) * 86400_000).toLocaleDateString("en-CA", { timeZone: k.config.TIME_ZONE });

/** Usage figures of the platform's services: its root admins'. Two statements whatever the period. */
export async function portalUsage(k: Kernel, actor: Actor, days: number) {
  authorize(actor, "org.manage", { orgPath: actor.kind === "user" ? `/${actor.tenant.rootOrgId}/` : undefined });
  const from = daysAgo(k, days);
  const [totals, rows] = [await usageTotals(k.db, actor.tenant.id, from), await usageDays(k.db, actor.tenant.id, from)];
  return {
    from,
    services: totals.map((r) => ({ id: r.id, name: r.name, launches: Number(r.launches ?? 0), people: Number(r.people ?? 0) })),
    days: rows.map((r) => ({ day: r.day, serviceId: r.service_id, launches: r.launches, people: r.people })),
  };
}
