import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { Relation, RuleProfile } from "../../shared/rules.ts";

async function loadNode(k: Kernel, actor: Actor, orgId: string) {
  if (actor.kind !== "user") return authorize(actor, "org.manage");
  const org = await k.db.selectFrom("orgs").select(["id", "path"]).where("tenant_id", "=", actor.tenant.id).where("id", "=", orgId).executeTakeFirst();
  if (!org) throw notFound();
  authorize(actor, "org.manage", { orgPath: org.path });
  return org;
}

/** Rules set on a node (admins of the node). */
export async function getRules(k: Kernel, actor: Actor, orgId: string) {
  await loadNode(k, actor, orgId);
  const rows = await k.db
    .selectFrom("message_rules")
    .select(["profile", "relations"])
    .where("tenant_id", "=", actor.tenant!.id)
    .where("org_id", "=", orgId)
    .execute();
  return { rules: rows.map((r) => ({ profile: r.profile as RuleProfile, relations: r.relations as Relation[] })) };
}

export async function setRule(k: Kernel, actor: Actor, orgId: string, profile: RuleProfile, relations: Relation[]) {
  await loadNode(k, actor, orgId);
  const tid = actor.tenant!.id;
  const rels = [...new Set(relations)];
  await k.db
    .insertInto("message_rules")
    .values({ tenant_id: tid, org_id: orgId, profile, relations: rels })
    .onConflict((oc) => oc.columns(["tenant_id", "org_id", "profile"]).doUpdateSet({ relations: rels, updated_at: new Date() }))
    .execute();
  k.record({
    tenantId: tid,
    actorId: actor.kind === "user" ? actor.userId : null,
    verb: "updated",
    objectType: "message-rule",
    objectId: orgId,
    context: { profile, relations: rels },
  });
  return { profile, relations: rels };
}
