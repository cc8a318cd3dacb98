import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { presentCard } from "../present.ts";
import { cataloguePage } from "../repo.ts";
import { catalogueLanguages, searchQuery } from "../search.ts";
import { nodesAtOrAbove } from "./list-templates.ts";

export const PAGE_SIZE = 20;

export type CatalogueQuery = { q: string; orgId?: string; language?: string; tags?: string; format?: string; page: number };

/**
 * The catalogue: published courses visible now on a node at or above one of the person's nodes,
 * plus courses they belong to; full-text search stemmed in each course's language, without
 * accents, ranked. One query per page.
 */
export async function searchCatalogue(k: Kernel, actor: Actor, f: CatalogueQuery) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const tags = (f.tags ?? "")
    .split(",")
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean)
    .slice(0, 10);
  const rows = await cataloguePage(k.db, actor.tenant.id, {
    orgIds: nodesAtOrAbove(actor.grants.map((g) => g.path)),
    userId: actor.userId,
    partner: actor.partner,
    query: f.q ? searchQuery(f.q, f.language ? [f.language] : await catalogueLanguages(k.db, actor.tenant.id)) : null,
    withinOrgId: f.orgId,
    language: f.language,
    tags,
    format: f.format,
    limit: PAGE_SIZE,
    offset: (f.page - 1) * PAGE_SIZE,
  });
  return { items: rows.map(presentCard), total: Number(rows[0]?.total ?? 0), page: f.page, pageSize: PAGE_SIZE };
}
