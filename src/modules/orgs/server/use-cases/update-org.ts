import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { presentOrg } from "../present.ts";
import { findByCode, setArchived, updateOrg as update } from "../repo.ts";
import { visibleOrg } from "../visible.ts";

export type OrgPatch = { name?: string; kind?: string; code?: string | null; primaryColor?: string | null; logoUrl?: string | null; archived?: boolean };

/** Rename, recolour or archive a node. Only admins above or at the node; the platform root cannot be archived. */
export async function updateOrg(k: Kernel, actor: Actor, id: string, p: OrgPatch) {
  const db = k.db;
  const org = await visibleOrg(db, actor, id);
  authorize(actor, "org.manage", { orgPath: org.path });
  if (org.parent_id === null && (p.archived || (p.kind && p.kind !== "platform"))) throw new AppError("orgs.root_fixed", {}, undefined, 422);
  if (p.code && p.code !== org.code && (await findByCode(db, org.tenant_id, p.code))) {
    throw new AppError("validation", {}, { code: { code: "orgs.code_taken" } });
  }
  const patch = {
    ...(p.name !== undefined && { name: p.name }),
    ...(p.kind !== undefined && { kind: p.kind }),
    ...(p.code !== undefined && { code: p.code }),
    ...(p.primaryColor !== undefined && { primary_color: p.primaryColor }),
    ...(p.logoUrl !== undefined && { logo_url: p.logoUrl }),
  };
  // an archive-only (or empty) patch has nothing to set: "update ... set where" is not SQL
  const row = Object.keys(patch).length ? await update(db, org.tenant_id, id, patch) : { ...org };
  // names and kinds travel with people's cached roles (home page, switcher)
  if ((p.name !== undefined && p.name !== org.name) || (p.kind !== undefined && p.kind !== org.kind)) await k.actors.changed(org.tenant_id);
  if (p.archived !== undefined && p.archived !== (org.archived_at !== null)) {
    await setArchived(db, org.tenant_id, org.path, p.archived ? new Date() : null);
    await k.actors.changed(org.tenant_id); // roles on archived nodes stop counting
    row.archived_at = p.archived ? new Date() : null;
  }
  return presentOrg(actor, row);
}
