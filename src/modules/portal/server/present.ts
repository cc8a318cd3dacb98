import type { Profile } from "../../../kernel/db/schema.ts";
import type { CatalogEntry, NodeService } from "../shared/contract.ts";
import type { listCatalogRows, ServiceRow, SettingRow } from "./repo.ts";
import { settingAt } from "./visibility.ts";

type CatalogRow = Awaited<ReturnType<typeof listCatalogRows>>[number];

export const presentCatalog = (r: CatalogRow): CatalogEntry => ({
  id: r.id,
  name: r.name,
  description: r.description,
  iconUrl: r.icon_url,
  url: r.url,
  signOn: r.sign_on,
  archived: r.archived_at !== null,
  platforms: Number(r.platforms),
});

type Fields = Pick<ServiceRow, "name" | "description" | "icon_url" | "url" | "sign_on">;

/** A service as it stands at a node (path, id): the setting on the deepest node at or above it applies. */
export function presentNodeService(
  node: { id: string; path: string },
  svc: Fields & { id: string | null; catalog_id: string | null; org_id: string | null; owner_name: string | null },
  settings: SettingRow[],
): NodeService {
  const s = settingAt(
    settings.filter((x) => x.service_id === svc.id),
    node.path,
  );
  return {
    serviceId: svc.id,
    catalogId: svc.catalog_id,
    name: svc.name,
    description: svc.description,
    iconUrl: svc.icon_url,
    url: svc.url,
    signOn: svc.sign_on,
    own: svc.org_id === node.id && svc.catalog_id === null,
    ownerName: svc.catalog_id ? null : svc.owner_name,
    state: !s ? "off" : s.enabled ? "enabled" : "hidden",
    profiles: (s?.enabled ? s.profiles : []) as Profile[],
    setAt: s ? { id: s.org_id, name: s.org_name, here: s.org_id === node.id } : null,
  };
}
