import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { presentAgreement } from "../present.ts";
import { listAgreements as agreementsOf, ownCourses, platformNames } from "../repo.ts";
import { requirePlatformAdmin } from "./require-admin.ts";

/** Three queries: this platform's copies of its agreements and the partners' names. */
export async function listAgreements(k: Kernel, actor: Actor) {
  requirePlatformAdmin(actor);
  const rows = await agreementsOf(k.db, actor.tenant.id);
  const partners = await platformNames(k.db, [...new Set(rows.map((a) => (a.side === "grantor" ? a.grantee_tenant_id : a.grantor_tenant_id)))]);
  const names = new Map(partners.map((p) => [p.id, p.name]));
  return { items: rows.map((a) => presentAgreement(a, names)) };
}

/** The other platforms one may propose an agreement to. */
export async function listPartnerPlatforms(k: Kernel, actor: Actor) {
  requirePlatformAdmin(actor);
  return { items: (await platformNames(k.db)).filter((p) => p.id !== actor.tenant.id) };
}

/** This platform's courses, to name in an agreement. */
export async function listOwnCourses(k: Kernel, actor: Actor) {
  requirePlatformAdmin(actor);
  return { items: await ownCourses(k.db, actor.tenant.id) };
}
