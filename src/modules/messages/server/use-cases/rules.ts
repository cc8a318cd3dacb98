import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { DEFAULT_RULES, type Relation, RULE_PROFILES, type RuleProfile } from "../../shared/rules.ts";

async function loadNode(k: Kernel, actor: Actor, orgId: string) {
  if (actor.kind !== "user") return authorize(actor, "org.manage");
  const org = await k.db.selectFrom("orgs").select(["id", "path"]).where("tenant_id", "=", actor.tenant.id).where("id", "=", orgId).executeTakeFirst();
  if (!org) throw notFound();
  authorize(actor, "org.manage", { orgPath: org.path });
  return org;
}

/**
 * Rules of a node (admins of the node): those set on it, and what applies there for every profile,
 * with where it comes from: this node, the nearest node above with a rule, or the defaults.
 */
export async function getRules(k: Kernel, actor: Actor, orgId: string) {
  await loadNode(k, actor, orgId);
  const tid = actor.tenant!.id;
  const node = await k.db.selectFrom("orgs").select(["name", "path"]).where("tenant_id", "=", tid).where("id", "=", orgId).executeTakeFirst();
  if (!node) throw notFound();
  const rows = await k.db
    .selectFrom("message_rules as m")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "m.tenant_id").onRef("o.id", "=", "m.org_id"))
    .select(["m.profile", "m.relations", "m.org_id", "o.name", "o.path"])
    .where("m.tenant_id", "=", tid)
    .where(sql<boolean>`${node.path} like o.path || '%'`)
    .orderBy(sql`length(o.path)`, "desc")
    .execute();
  const here = rows.filter((r) => r.org_id === orgId);
  return {
    org: { id: orgId, name: node.name },
    rules: here.map((r) => ({ profile: r.profile as RuleProfile, relations: r.relations as Relation[] })),
    effective: RULE_PROFILES.map((profile) => {
      const nearest = rows.find((r) => r.profile === profile);
      return nearest
        ? { profile, relations: nearest.relations as Relation[], source: { orgId: nearest.org_id, name: nearest.name } }
        : { profile, relations: DEFAULT_RULES[profile], source: null };
    }),
  };
}

/** Removes a node's rule for a profile (admins of the node): the nearest rule above, or the defaults, applies again. */
export async function deleteRule(k: Kernel, actor: Actor, orgId: string, profile: RuleProfile) {
  await loadNode(k, actor, orgId);
  const tid = actor.tenant!.id;
  await k.db.deleteFrom("message_rules").where("tenant_id", "=", tid).where("org_id", "=", orgId).where("profile", "=", profile).execute();
  k.record({
    tenantId: tid,
    actorId: actor.kind === "user" ? actor.userId : null,
    verb: "deleted",
    objectType: "message-rule",
    objectId: orgId,
    context: { profile },
  });
  return { ok: true as const };
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
