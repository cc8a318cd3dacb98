import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { ServiceFields } from "../../shared/contract.ts";
import { presentCatalog } from "../present.ts";
import { copyCatalogToPlatforms, getCatalogRow, listCatalogRows, networkUsageRows } from "../repo.ts";
import { daysAgo } from "./usage.ts";

export async function listCatalog(k: Kernel, actor: Actor) {
  authorize(actor, "catalog.manage");
  return { items: (await listCatalogRows(k.db)).map(presentCatalog) };
}

export async function createCatalogEntry(k: Kernel, actor: Actor, input: ServiceFields) {
  authorize(actor, "catalog.manage");
  const id = newId();
  await k.db
    .insertInto("portal_catalog")
    .values({ id, name: input.name, description: input.description, icon_url: input.iconUrl ?? null, url: input.url, sign_on: input.signOn })
    .execute();
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "created", objectType: "portal-catalog", objectId: id });
  return presentCatalog((await listCatalogRows(k.db, id))[0]);
}

/** The operator's change reaches every platform's copy; archiving takes it out of every portal. */
export async function updateCatalogEntry(k: Kernel, actor: Actor, id: string, input: Partial<ServiceFields> & { archived?: boolean }) {
  authorize(actor, "catalog.manage");
  const row = await getCatalogRow(k.db, id);
  if (!row) throw notFound();
  const patch = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.iconUrl !== undefined && { icon_url: input.iconUrl }),
    ...(input.url !== undefined && { url: input.url }),
    ...(input.signOn !== undefined && { sign_on: input.signOn }),
    ...(input.archived !== undefined && { archived_at: input.archived ? (row.archived_at ? new Date(row.archived_at) : new Date()) : null }),
  };
  if (Object.keys(patch).length) {
    await k.db.transaction().execute(async (trx) => {
      await trx.updateTable("portal_catalog").set(patch).where("id", "=", id).execute();
      await copyCatalogToPlatforms(trx, id, patch);
    });
  }
  return presentCatalog((await listCatalogRows(k.db, id))[0]);
}

export async function networkUsage(k: Kernel, actor: Actor, days: number) {
  authorize(actor, "catalog.manage");
  const rows = await networkUsageRows(k.db, daysAgo(k, days));
  return { items: rows.map((r) => ({ catalogId: r.catalog_id!, platform: r.slug, launches: Number(r.launches) })) };
}
