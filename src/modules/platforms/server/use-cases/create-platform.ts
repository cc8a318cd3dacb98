import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { hashPassword } from "../../../../kernel/auth/password.ts";
import { AppError, type FieldErrors } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { insertPerson } from "../../../accounts/server/index.ts";
import { insertOrg } from "../../../orgs/server/index.ts";
import { hostnamesTaken, insertTenant, listTenants, networkPlace, slugTaken } from "../repo.ts";
import { presentPlatform } from "../present.ts";

/**
 * A network has one level: the parent must head its network (have no parent itself), a platform
 * with platforms under it cannot be put under another, and none is its own parent.
 */
export async function checkParent(k: Kernel, parentId: string, self?: { id: string; hasChildren: boolean }): Promise<FieldErrors> {
  const parent = await networkPlace(k.db, parentId);
  if (!parent) return { parentId: { code: "platforms.parent_unknown" } };
  if (parent.parent_id || parentId === self?.id) return { parentId: { code: "platforms.parent_not_head" } };
  if (self?.hasChildren) return { parentId: { code: "platforms.heads_a_network" } };
  return {};
}

export type NewPlatform = {
  name: string;
  slug: string;
  hostnames: string[];
  defaultLocale: string;
  /** the head platform of the network this one joins; none: it heads a network of its own */
  parentId?: string | null;
  primaryColor?: string | null;
  logoUrl?: string | null;
  admin: { username: string; email: string; givenName: string; familyName: string; password: string };
};

/** A platform is a tenant, its root organisation node (which carries its name and branding) and its first admin. */
export async function createPlatformRecords(k: Kernel, p: NewPlatform) {
  const fields: FieldErrors = p.parentId ? await checkParent(k, p.parentId) : {};
  if (await slugTaken(k.db, p.slug)) fields.slug = { code: "platforms.slug_taken" };
  const taken = await hostnamesTaken(k.db, p.hostnames);
  if (taken.length) fields.hostnames = { code: "platforms.hostname_taken", params: { hostname: taken[0].hostname } };
  if (Object.keys(fields).length) throw new AppError("validation", {}, fields);
  const tenantId = newId();
  const rootOrgId = newId();
  const passwordHash = await hashPassword(p.admin.password);
  const adminId = await k.db.transaction().execute(async (trx) => {
    await insertTenant(trx, { id: tenantId, slug: p.slug, default_locale: p.defaultLocale, root_org_id: rootOrgId, parent_id: p.parentId ?? null }, p.hostnames);
    await insertOrg(trx, tenantId, { id: rootOrgId, parent_id: null, path: `/${rootOrgId}/`, name: p.name, kind: "platform", code: null, primary_color: p.primaryColor ?? null, logo_url: p.logoUrl ?? null });
    return insertPerson(trx, tenantId, { ...p.admin, profile: "admin", orgId: rootOrgId, passwordHash });
  });
  await k.bus.publish("platforms.changed", {});
  return { tenantId, rootOrgId, adminId };
}

export async function createPlatform(k: Kernel, actor: Actor, p: NewPlatform) {
  authorize(actor, "platform.create");
  const { tenantId } = await createPlatformRecords(k, p);
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "created", objectType: "platform", objectId: tenantId });
  return presentPlatform((await listTenants(k.db, tenantId))[0]);
}
