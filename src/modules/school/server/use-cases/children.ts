import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { Child } from "../../shared/contract.ts";
import { managesPath } from "../access.ts";
import { syncGuardianPlaces } from "../guardian-places.ts";
import { presentTeaching } from "../present.ts";
import { childrenOf, getGuardian, placesOf, teachingsOf } from "../repo.ts";

/** A parent's children, their classes and who teaches them what: two statements. */
export async function listChildren(k: Kernel, actor: Actor): Promise<{ items: Child[] }> {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const rows = await childrenOf(k.db, actor.tenant.id, actor.userId);
  const classIds = [...new Set(rows.map((r) => r.class_id).filter((id): id is string => !!id))];
  const teachings = await teachingsOf(k.db, actor.tenant.id, classIds);
  const items: Child[] = [];
  for (const r of rows) {
    let child = items.find((c) => c.id === r.id);
    if (!child) {
      child = { id: r.id, name: `${r.given_name} ${r.family_name}`, classes: [] };
      items.push(child);
    }
    if (r.class_id)
      child.classes.push({ id: r.class_id, name: r.class_name!, teachings: teachings.filter((t) => t.class_id === r.class_id).map(presentTeaching) });
  }
  return { items };
}

/** An admin over the child removes a parent–child link; the parent leaves the child's classes. */
export async function unlinkGuardian(k: Kernel, actor: Actor, id: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const link = await getGuardian(k.db, actor.tenant.id, id);
  if (!link) throw notFound();
  const places = await placesOf(k.db, actor.tenant.id, link.child_id);
  const mine = places.find((p) => managesPath(actor, p.path));
  if (!mine) throw notFound();
  authorize(actor, "user.manage", { userId: link.child_id, orgPaths: [mine.path] });
  await k.db.deleteFrom("school_guardians").where("tenant_id", "=", actor.tenant.id).where("id", "=", id).execute();
  await syncGuardianPlaces(k, actor.tenant.id, { parentIds: [link.parent_id] });
  k.record({
    tenantId: actor.tenant.id,
    actorId: actor.userId,
    verb: "unlinked",
    objectType: "guardian",
    objectId: id,
    context: { childId: link.child_id, parentId: link.parent_id },
  });
  return { ok: true as const };
}
