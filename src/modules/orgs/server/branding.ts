import type { Kysely } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import { DEFAULT_COLOR } from "../shared/branding.ts";
import type { Branding } from "../shared/contract.ts";
import { getOrgs, type OrgRow, pathIds } from "./repo.ts";

/** Nearest colour and logo up the tree; the root node's name is the platform's name. */
export function brandingFrom(chain: Pick<OrgRow, "name" | "path" | "primary_color" | "logo_url">[]): Branding {
  const ordered = [...chain].sort((a, b) => a.path.length - b.path.length);
  const self = ordered[ordered.length - 1];
  const color = [...ordered].reverse().find((o) => o.primary_color)?.primary_color ?? DEFAULT_COLOR;
  const logo = [...ordered].reverse().find((o) => o.logo_url)?.logo_url ?? null;
  return { name: self.name, platformName: ordered[0].name, primaryColor: color, logoUrl: logo };
}

export async function brandingOf(db: Kysely<DB>, tenantId: string, path: string): Promise<Branding> {
  return brandingFrom(await getOrgs(db, tenantId, pathIds(path)));
}
