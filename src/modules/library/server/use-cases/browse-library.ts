import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { LEVELS, LICENCES } from "../../shared/contract.ts";
import { requireBrowser } from "../access.ts";
import { presentCard } from "../present.ts";
import { browsePage, facets } from "../repo.ts";

export const PAGE_SIZE = 20;

/** A page of the library with the subjects and languages in use: two queries whatever the page holds. */
export async function browseLibrary(
  k: Kernel,
  actor: Actor,
  f: { q?: string; language?: string; level?: (typeof LEVELS)[number]; licence?: (typeof LICENCES)[number]; subject?: string; page: number },
) {
  requireBrowser(actor);
  const [rows, fac] = await Promise.all([browsePage(k.db, { ...f, tenantId: actor.tenant.id, q: f.q || undefined, limit: PAGE_SIZE, offset: (f.page - 1) * PAGE_SIZE }), facets(k.db, actor.tenant.id)]);
  return { items: rows.map(presentCard), total: rows[0]?.total ?? 0, pageSize: PAGE_SIZE, ...fac };
}
