import { type Kysely, sql } from "kysely";
import type { Tenant } from "../../../kernel/auth/actor.ts";
import { crossTenant } from "../../../kernel/db/database.ts";
import type { DB } from "../../../kernel/db/schema.ts";

const toTenant = (r: { id: string; slug: string; root_org_id: string; default_locale: string }): Tenant => ({
  id: r.id,
  slug: r.slug,
  rootOrgId: r.root_org_id,
  defaultLocale: r.default_locale,
});

export async function tenantByHost(db: Kysely<DB>, hostname: string) {
  const r = await db
    .selectFrom("hostnames as h")
    .innerJoin("tenants as t", "t.id", "h.tenant_id")
    .select(["t.id", "t.slug", "t.root_org_id", "t.default_locale"])
    .where("h.hostname", "=", hostname)
    .where("t.status", "=", "active")
    .executeTakeFirst();
  return r ? toTenant(r) : null;
}

export async function tenantBySlug(db: Kysely<DB>, slug: string) {
  const r = await db.selectFrom("tenants").select(["id", "slug", "root_org_id", "default_locale"]).where("slug", "=", slug).where("status", "=", "active").executeTakeFirst();
  return r ? toTenant(r) : null;
}

export async function countTenants(db: Kysely<DB>) {
  const r = await db.selectFrom("tenants").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function slugTaken(db: Kysely<DB>, slug: string) {
  return db.selectFrom("tenants").select("id").where("slug", "=", slug).executeTakeFirst();
}

export function hostnamesTaken(db: Kysely<DB>, hostnames: string[], exceptTenant?: string) {
  if (hostnames.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("hostnames")
    .select("hostname")
    .where("hostname", "in", hostnames)
    .$if(!!exceptTenant, (q) => q.where("tenant_id", "!=", exceptTenant!))
    .execute();
}

export async function insertTenant(db: Kysely<DB>, t: { id: string; slug: string; default_locale: string; root_org_id: string; parent_id?: string | null }, hostnames: string[]) {
  await db.insertInto("tenants").values(t).execute();
  if (hostnames.length) await db.insertInto("hostnames").values(hostnames.map((hostname) => ({ hostname, tenant_id: t.id }))).execute();
}

export async function replaceHostnames(db: Kysely<DB>, tenantId: string, hostnames: string[]) {
  await db.deleteFrom("hostnames").where("tenant_id", "=", tenantId).execute();
  if (hostnames.length) await db.insertInto("hostnames").values(hostnames.map((hostname) => ({ hostname, tenant_id: tenantId }))).execute();
}

export function updateTenant(db: Kysely<DB>, id: string, patch: { default_locale?: string; status?: "active" | "suspended"; parent_id?: string | null }) {
  return db.updateTable("tenants").set(patch).where("id", "=", id).execute();
}

/** Where a platform stands in its network: its parent, and whether platforms sit under it (one query). */
export function networkPlace(db: Kysely<DB>, id: string) {
  return db
    .selectFrom("tenants as t")
    .select(["t.id", "t.parent_id", sql<boolean>`exists (select 1 from tenants c where c.parent_id = t.id)`.as("has_children")])
    .where("t.id", "=", id)
    .executeTakeFirst();
}

export function addOperator(db: Kysely<DB>, tenantId: string, userId: string) {
  return db.insertInto("deployment_operators").values({ tenant_id: tenantId, user_id: userId }).execute();
}

/** The deployment admin's list: reads across platforms on purpose (root node names, user counts). */
export function listTenants(db: Kysely<DB>, id?: string) {
  return crossTenant(db)
    .selectFrom("tenants as t")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "t.id").onRef("o.id", "=", "t.root_org_id"))
    .select([
      "t.id",
      "t.slug",
      "t.status",
      "t.default_locale",
      "t.created_at",
      "t.parent_id",
      "o.name",
      "o.primary_color",
      "o.logo_url",
      sql<string[]>`coalesce((select array_agg(h.hostname order by h.hostname) from hostnames h where h.tenant_id = t.id), '{}')`.as("hostnames"),
      sql<number>`(select count(*) from users u where u.tenant_id = t.id and u.status <> 'importing')`.as("users"),
      // usage figures for the network operator: counts only, never the platform's content
      sql<number>`(select count(distinct s.user_id) from sessions s where s.tenant_id = t.id and s.last_seen_at > now() - interval '30 days')`.as("active_people"),
      sql<number>`(select count(*) from courses c where c.tenant_id = t.id and c.status <> 'archived' and not c.is_template)`.as("courses"),
      sql<string>`(select coalesce(sum(f.size), 0) from files f where f.tenant_id = t.id and f.status = 'ready')`.as("storage_bytes"),
    ])
    .$if(!!id, (q) => q.where("t.id", "=", id!))
    // each network's head, then the platforms under it
    .orderBy(sql`(select h.created_at from tenants h where h.id = coalesce(t.parent_id, t.id))`)
    .orderBy(sql`coalesce(t.parent_id, t.id)`)
    .orderBy(sql`t.parent_id is not null`)
    .orderBy(sql`o.name collate "und-x-icu"`)
    .execute();
}

export function listOutbox(db: Kysely<DB>, tenantIds: string[], page: number, to?: string) {
  return db
    .selectFrom("mail_outbox as m")
    .innerJoin("tenants as t", "t.id", "m.tenant_id")
    .where("m.tenant_id", "in", tenantIds)
    .select(["m.id", "t.slug", "m.to_address", "m.subject", "m.text_body", "m.html_body", "m.status", "m.error", "m.created_at", sql<number>`count(*) over ()`.as("total")])
    .$if(!!to, (q) => q.where("m.to_address", "ilike", `%${to!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))
    .orderBy("m.created_at", "desc")
    .limit(50)
    .offset((page - 1) * 50)
    .execute();
}
