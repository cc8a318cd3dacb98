import { type Actor, authorize, type UserActor } from "../../../../kernel/auth/actor.ts";
import type { Profile } from "../../../../kernel/db/schema.ts";
import { notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { pathIds, visibleOrg } from "../../../orgs/server/index.ts";
import type { ServiceFields } from "../../shared/contract.ts";
import { presentNodeService } from "../present.ts";
import { adoptCatalogEntry, adoptedCatalog, deleteSetting, getServiceRow, listCatalogRows, servicesOwnedBy, settingsOn, upsertSetting } from "../repo.ts";

/** A node its admins manage: 404 when unseen, 403 when seen but not theirs. */
async function managedNode(k: Kernel, actor: Actor, orgId: string) {
  const org = await visibleOrg(k.db, actor, orgId);
  authorize(actor, "org.manage", { orgPath: org.path });
  return org;
}

/**
 * Every service an admin can decide on at a node: the network catalogue (used by the platform
 * or not) and the services added by the node and the nodes above it, each with the setting that
 * applies there. Four statements whatever the number of services.
 */
export async function listNodeServices(k: Kernel, actor: Actor, orgId: string) {
  const org = await managedNode(k, actor, orgId);
  const a = actor as UserActor;
  const ancestors = pathIds(org.path);
  const [catalog, services] = [await listCatalogRows(k.db), await servicesOwnedBy(k.db, a.tenant.id, ancestors)];
  const settings = await settingsOn(
    k.db,
    a.tenant.id,
    ancestors,
    services.map((s) => s.id),
  );
  const node = { id: org.id, path: org.path };
  const adopted = new Map(services.filter((s) => s.catalog_id).map((s) => [s.catalog_id!, s]));
  const items = [
    ...catalog
      .filter((c) => !c.archived_at)
      .map((c) =>
        presentNodeService(
          node,
          adopted.get(c.id) ?? {
            id: null,
            catalog_id: c.id,
            org_id: null,
            owner_name: null,
            name: c.name,
            description: c.description,
            icon_url: c.icon_url,
            url: c.url,
            sign_on: c.sign_on,
          },
          settings,
        ),
      ),
    ...services.filter((s) => !s.catalog_id).map((s) => presentNodeService(node, s, settings)),
  ];
  return { org: { id: org.id, name: org.name, isRoot: org.parent_id === null }, items };
}

export async function addNodeService(k: Kernel, actor: Actor, orgId: string, input: ServiceFields & { profiles: Profile[] }) {
  const org = await managedNode(k, actor, orgId);
  const a = actor as UserActor;
  const id = newId();
  await k.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("portal_services")
      .values({
        tenant_id: a.tenant.id,
        id,
        catalog_id: null,
        org_id: org.id,
        name: input.name,
        description: input.description,
        icon_url: input.iconUrl ?? null,
        url: input.url,
        sign_on: input.signOn,
      })
      .execute();
    await upsertSetting(trx, a.tenant.id, { org_id: org.id, service_id: id, enabled: true, profiles: [...new Set(input.profiles)] });
  });
  k.record({ tenantId: a.tenant.id, actorId: a.userId, verb: "created", objectType: "portal-service", objectId: id });
  return serviceAt(k, a, org, id);
}

/** A node's own service is changed by the admins of the node that added it. */
export async function updateNodeService(k: Kernel, actor: Actor, id: string, input: Partial<ServiceFields> & { archived?: boolean }) {
  if (actor.kind !== "user") authorize(actor, "account.self");
  const svc = await getServiceRow(k.db, actor.tenant.id, id);
  if (!svc || svc.catalog_id) throw notFound();
  await managedNode(k, actor, svc.org_id);
  await k.db
    .updateTable("portal_services")
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.iconUrl !== undefined && { icon_url: input.iconUrl }),
      ...(input.url !== undefined && { url: input.url }),
      ...(input.signOn !== undefined && { sign_on: input.signOn }),
      ...(input.archived && { archived_at: new Date() }),
    })
    .where("tenant_id", "=", actor.tenant.id)
    .where("id", "=", id)
    .execute();
  return { ok: true as const };
}

/**
 * Enables or hides a service below a node for some profiles, or removes the node's own setting
 * (the node above decides again). A catalogue entry is adopted by the platform on first use.
 */
export async function setNodeService(
  k: Kernel,
  actor: Actor,
  orgId: string,
  input: { serviceId?: string; catalogId?: string; state: "enabled" | "hidden" | "inherit"; profiles: Profile[] },
) {
  const org = await managedNode(k, actor, orgId);
  const a = actor as UserActor;
  let serviceId = input.serviceId;
  if (input.catalogId) {
    const adopted = (await adoptedCatalog(k.db, a.tenant.id)).find((s) => s.catalog_id === input.catalogId);
    serviceId =
      adopted?.id ?? (input.state === "inherit" ? undefined : await adoptCatalogEntry(k.db, a.tenant.id, a.tenant.rootOrgId, input.catalogId, newId()));
    if (!serviceId && input.state !== "inherit") throw notFound();
  } else {
    const svc = await getServiceRow(k.db, a.tenant.id, serviceId!);
    // only services available at the node: added by it or a node above it
    if (!svc || !org.path.startsWith(svc.owner_path)) throw notFound();
  }
  if (serviceId) {
    if (input.state === "inherit") await deleteSetting(k.db, a.tenant.id, org.id, serviceId);
    else
      await upsertSetting(k.db, a.tenant.id, {
        org_id: org.id,
        service_id: serviceId,
        enabled: input.state === "enabled",
        profiles: input.state === "enabled" ? [...new Set(input.profiles)] : [],
      });
  }
  if (!serviceId) return (await listNodeServices(k, actor, orgId)).items.find((i) => i.catalogId === input.catalogId)!;
  return serviceAt(k, a, org, serviceId);
}

async function serviceAt(k: Kernel, actor: UserActor, org: { id: string; path: string }, serviceId: string) {
  const svc = await getServiceRow(k.db, actor.tenant.id, serviceId);
  if (!svc) throw notFound();
  const settings = await settingsOn(k.db, actor.tenant.id, pathIds(org.path), [serviceId]);
  return presentNodeService(org, svc, settings);
}
