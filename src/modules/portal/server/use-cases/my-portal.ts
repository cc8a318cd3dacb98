import { type Actor, authorize, type UserActor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { pathIds } from "../../../orgs/server/index.ts";
import { candidateServices, recordLaunch } from "../repo.ts";
import { visibleTo } from "../visibility.ts";

/** The services visible to a person (one statement), or the one asked for. */
async function visibleServices(k: Kernel, actor: UserActor, serviceId?: string) {
  const nodes = [...new Set(actor.grants.flatMap((g) => pathIds(g.path)))];
  const rows = await candidateServices(k.db, actor.tenant.id, nodes, serviceId);
  const byService = new Map<string, typeof rows>();
  for (const r of rows) byService.set(r.id, [...(byService.get(r.id) ?? []), r]);
  return [...byService.values()]
    .filter((rs) =>
      visibleTo(
        actor.grants,
        rs[0].owner_path,
        rs.map((r) => ({ path: r.setting_path, enabled: r.enabled, profiles: r.profiles })),
      ),
    )
    .map((rs) => rs[0]);
}

export async function myPortal(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const items = await visibleServices(k, actor, undefined);
  return {
    items: items.map((s) => ({
      id: s.id,
      name: s.name,
      description: s.description,
      iconUrl: s.icon_url,
      signOn: s.sign_on,
      launchPath: `/api/v1/portal/launch/${s.id}`,
    })),
  };
}

/** A launch: the service must be in the person's portal; it is counted, then its address returned. */
export async function launchService(k: Kernel, actor: Actor, serviceId: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const [svc] = await visibleServices(k, actor, serviceId);
  if (!svc) return null;
  await recordLaunch(k.db, actor.tenant.id, svc.id, actor.userId, k.config.TIME_ZONE);
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "launched", objectType: "portal-service", objectId: svc.id });
  return svc.url;
}

/** Whether a service is in the person's portal (sign-on to it is refused otherwise). */
export async function serviceVisibleTo(k: Kernel, actor: UserActor, serviceId: string) {
  return (await visibleServices(k, actor, serviceId)).length > 0;
}
