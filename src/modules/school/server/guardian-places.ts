import { sql } from "kysely";
import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";

export type GuardianScope = { childIds?: string[]; parentIds?: string[] };

/**
 * A parent's places on class nodes (role 'parent') are derived from the guardian links: exactly
 * the classes their children learn in. They are stored (the session's grants, the messages rules
 * and the class pages read them), so they are re-derived here whenever a child's places or a link
 * change: for the parents of `childIds` and for `parentIds`, or with no scope for the whole
 * platform. Three statements at most; the parents whose places changed are told to the actor cache.
 */
export async function syncGuardianPlaces(k: Kernel, tenantId: string, scope: GuardianScope = {}) {
  const all = !scope.childIds && !scope.parentIds;
  const children = scope.childIds ?? [];
  const extra = scope.parentIds ?? [];
  const r = await sql<{ parent_id: string; org_id: string; wanted: boolean; role_id: string | null }>`
    with parents as (
      select distinct parent_id from school_guardians
        where tenant_id = ${tenantId} and (${all} or child_id = any(${children}::uuid[]))
      union select unnest(${extra}::uuid[])
    ), wanted as (
      select distinct g.parent_id, r.org_id from school_guardians g
        join role_assignments r on r.tenant_id = g.tenant_id and r.user_id = g.child_id and r.role = 'learner'
        join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id and o.kind = 'class'
        where g.tenant_id = ${tenantId} and g.parent_id in (select parent_id from parents)
    ), held as (
      select r.user_id as parent_id, r.org_id, r.id from role_assignments r
        join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id and o.kind = 'class'
        where r.tenant_id = ${tenantId} and r.role = 'parent' and r.user_id in (select parent_id from parents)
    )
    select coalesce(w.parent_id, h.parent_id) as parent_id, coalesce(w.org_id, h.org_id) as org_id,
      w.parent_id is not null as wanted, h.id as role_id
    from wanted w full join held h on h.parent_id = w.parent_id and h.org_id = w.org_id
    where w.parent_id is null or h.id is null`.execute(k.db);
  if (r.rows.length === 0) return;
  const add = r.rows.filter((x) => x.wanted);
  const drop = r.rows.filter((x) => !x.wanted).map((x) => x.role_id!);
  if (add.length)
    await k.db
      .insertInto("role_assignments")
      .values(add.map((x) => ({ tenant_id: tenantId, id: newId(), user_id: x.parent_id, org_id: x.org_id, role: "parent" as const })))
      .onConflict((oc) => oc.columns(["tenant_id", "user_id", "org_id", "role"]).doNothing())
      .execute();
  if (drop.length) await k.db.deleteFrom("role_assignments").where("tenant_id", "=", tenantId).where("id", "in", drop).execute();
  for (const id of new Set(r.rows.map((x) => x.parent_id))) await k.actors.changed(tenantId, id);
}
