import { type Kysely, sql } from "kysely";
import { crossTenant } from "../../../kernel/db/database.ts";
import type { DB, Profile, SignOn } from "../../../kernel/db/schema.ts";

const byName = sql`collate "und-x-icu"`;

export type ServiceRow = {
  id: string;
  catalog_id: string | null;
  org_id: string;
  owner_path: string;
  owner_name: string;
  name: string;
  description: string;
  icon_url: string | null;
  url: string;
  sign_on: SignOn;
};
export type SettingRow = { service_id: string; org_id: string; org_name: string; path: string; enabled: boolean; profiles: Profile[] };

// ---- network catalogue (deployment-wide) ----

/** The catalogue with, per entry, how many platforms adopted it (across platforms on purpose: a count). */
export function listCatalogRows(db: Kysely<DB>, id?: string) {
  return crossTenant(db)
    .selectFrom("portal_catalog as c")
    .selectAll("c")
    .select(sql<number>`(select count(*)::int from portal_services s where s.catalog_id = c.id and s.archived_at is null)`.as("platforms"))
    .$if(!!id, (q) => q.where("c.id", "=", id!))
    .orderBy(sql`c.name ${byName}`)
    .execute();
}

export function getCatalogRow(db: Kysely<DB>, id: string) {
  return db.selectFrom("portal_catalog").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The operator's edit reaches every platform's copy at once. */
export function copyCatalogToPlatforms(
  db: Kysely<DB>,
  id: string,
  patch: Partial<{ name: string; description: string; icon_url: string | null; url: string; sign_on: SignOn; archived_at: Date | null }>,
) {
  return crossTenant(db).updateTable("portal_services").set(patch).where("catalog_id", "=", id).execute();
}

// ---- a platform's services ----

const serviceQuery = (db: Kysely<DB>, tenantId: string) =>
  db
    .selectFrom("portal_services as s")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "s.tenant_id").onRef("o.id", "=", "s.org_id"))
    .select(["s.id", "s.catalog_id", "s.org_id", "o.path as owner_path", "o.name as owner_name", "s.name", "s.description", "s.icon_url", "s.url", "s.sign_on"])
    .where("s.tenant_id", "=", tenantId)
    .where("s.archived_at", "is", null);

/** Live services whose owner node is one of `ownerIds` (a node and its ancestors). */
export function servicesOwnedBy(db: Kysely<DB>, tenantId: string, ownerIds: string[]): Promise<ServiceRow[]> {
  return serviceQuery(db, tenantId).where("s.org_id", "in", ownerIds).orderBy(sql`s.name ${byName}`).execute();
}

export function getServiceRow(db: Kysely<DB>, tenantId: string, id: string): Promise<ServiceRow | undefined> {
  return serviceQuery(db, tenantId).where("s.id", "=", id).executeTakeFirst();
}

export function adoptedCatalog(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom("portal_services").select(["id", "catalog_id"]).where("tenant_id", "=", tenantId).where("catalog_id", "is not", null).execute();
}

/** A platform starts using a catalogue entry: a copy owned by its root node (one statement, safe to repeat). */
export async function adoptCatalogEntry(db: Kysely<DB>, tenantId: string, rootOrgId: string, catalogId: string, newServiceId: string) {
  await sql`
    insert into portal_services (tenant_id, id, catalog_id, org_id, name, description, icon_url, url, sign_on)
    select ${tenantId}, ${newServiceId}, c.id, ${rootOrgId}, c.name, c.description, c.icon_url, c.url, c.sign_on
    from portal_catalog c where c.id = ${catalogId} and c.archived_at is null
    on conflict (tenant_id, catalog_id) where catalog_id is not null do nothing`.execute(db);
  const row = await db
    .selectFrom("portal_services")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("catalog_id", "=", catalogId)
    .where("archived_at", "is", null)
    .executeTakeFirst();
  return row?.id;
}

/** Settings on these nodes (a node and its ancestors), for these services or all. */
export function settingsOn(db: Kysely<DB>, tenantId: string, orgIds: string[], serviceIds?: string[]): Promise<SettingRow[]> {
  if (orgIds.length === 0 || serviceIds?.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("portal_settings as st")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "st.tenant_id").onRef("o.id", "=", "st.org_id"))
    .select(["st.service_id", "st.org_id", "o.name as org_name", "o.path", "st.enabled", "st.profiles"])
    .where("st.tenant_id", "=", tenantId)
    .where("st.org_id", "in", orgIds)
    .where("o.archived_at", "is", null)
    .$if(!!serviceIds, (q) => q.where("st.service_id", "in", serviceIds!))
    .execute();
}

export function upsertSetting(db: Kysely<DB>, tenantId: string, s: { org_id: string; service_id: string; enabled: boolean; profiles: Profile[] }) {
  return db
    .insertInto("portal_settings")
    .values({ ...s, tenant_id: tenantId })
    .onConflict((oc) => oc.columns(["tenant_id", "service_id", "org_id"]).doUpdateSet({ enabled: s.enabled, profiles: s.profiles, updated_at: new Date() }))
    .execute();
}

export function deleteSetting(db: Kysely<DB>, tenantId: string, orgId: string, serviceId: string) {
  return db.deleteFrom("portal_settings").where("tenant_id", "=", tenantId).where("org_id", "=", orgId).where("service_id", "=", serviceId).execute();
}

/**
 * What a person's portal needs in one statement: every live service with a setting on one of the
 * nodes above the person's places, each with its owner's path and the setting's node path.
 */
export function candidateServices(db: Kysely<DB>, tenantId: string, orgIds: string[], serviceId?: string) {
  if (orgIds.length === 0) return Promise.resolve([]);
  return serviceQuery(db, tenantId)
    .innerJoin("portal_settings as st", (j) => j.onRef("st.tenant_id", "=", "s.tenant_id").onRef("st.service_id", "=", "s.id"))
    .innerJoin("orgs as so", (j) => j.onRef("so.tenant_id", "=", "st.tenant_id").onRef("so.id", "=", "st.org_id"))
    .select(["st.enabled", "st.profiles", "so.path as setting_path"])
    .where("st.org_id", "in", orgIds)
    .where("so.archived_at", "is", null)
    .$if(!!serviceId, (q) => q.where("s.id", "=", serviceId!))
    .orderBy(sql`s.name ${byName}`)
    .execute();
}

// ---- usage ----

/** Counts a launch and, once a day, the person launching: one statement. */
export function recordLaunch(db: Kysely<DB>, tenantId: string, serviceId: string, userId: string, timeZone: string) {
  return sql`
    with first as (
      insert into portal_launchers (tenant_id, service_id, day, user_id)
      values (${tenantId}, ${serviceId}, (now() at time zone ${timeZone})::date, ${userId})
      on conflict do nothing returning 1
    )
    insert into portal_usage (tenant_id, service_id, day, launches, people)
    values (${tenantId}, ${serviceId}, (now() at time zone ${timeZone})::date, 1, (select count(*) from first))
    on conflict (tenant_id, service_id, day)
    do update set launches = portal_usage.launches + 1, people = portal_usage.people + excluded.people`.execute(db);
}

/**
 * Who launched what on which day serves only to count distinct people over a period (at most
 * LAUNCHERS_KEPT_DAYS, see the usage contract): older rows go; the daily counts stay.
 */
export async function purgeLaunchers(db: Kysely<DB>, keptDays: number) {
  const r = await crossTenant(db)
    .deleteFrom("portal_launchers")
    .where("day", "<", sql<string>`(current_date - ${keptDays}::int)`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export function usageDays(db: Kysely<DB>, tenantId: string, from: string) {
  return db
    .selectFrom("portal_usage")
    .select(["service_id", sql<string>`to_char(day, 'YYYY-MM-DD')`.as("day"), "launches", "people"])
    .where("tenant_id", "=", tenantId)
    .where("day", ">=", from)
    .orderBy("day", "desc")
    .execute();
}

/** Per service over the period: launches, and distinct people (not the sum of each day's). */
export function usageTotals(db: Kysely<DB>, tenantId: string, from: string) {
  return db
    .selectFrom("portal_services as s")
    .select(["s.id", "s.name"])
    .select((eb) => [
      eb
        .selectFrom("portal_usage as u")
        .whereRef("u.tenant_id", "=", "s.tenant_id")
        .whereRef("u.service_id", "=", "s.id")
        .where("u.day", ">=", from)
        .select(sql<number>`coalesce(sum(u.launches), 0)::int`.as("n"))
        .as("launches"),
      eb
        .selectFrom("portal_launchers as l")
        .whereRef("l.tenant_id", "=", "s.tenant_id")
        .whereRef("l.service_id", "=", "s.id")
        .where("l.day", ">=", from)
        .select(sql<number>`count(distinct l.user_id)::int`.as("n"))
        .as("people"),
    ])
    .where("s.tenant_id", "=", tenantId)
    .where("s.archived_at", "is", null)
    .orderBy(sql`s.name ${byName}`)
    .execute();
}

/** The operator's view: catalogue services' launches per platform (counts only, across platforms on purpose). */
export function networkUsageRows(db: Kysely<DB>, from: string) {
  return crossTenant(db)
    .selectFrom("portal_services as s")
    .innerJoin("tenants as t", "t.id", "s.tenant_id")
    .innerJoin("portal_usage as u", (j) => j.onRef("u.tenant_id", "=", "s.tenant_id").onRef("u.service_id", "=", "s.id"))
    .select(["s.catalog_id", "t.slug", sql<number>`sum(u.launches)::int`.as("launches")])
    .where("s.catalog_id", "is not", null)
    .where("u.day", ">=", from)
    .groupBy(["s.catalog_id", "t.slug"])
    .orderBy("t.slug")
    .execute();
}

/** A platform's live services signing on with a protocol (CAS matches a ticket's service against them). */
export function servicesBySignOn(db: Kysely<DB>, tenantId: string, signOn: SignOn) {
  return db
    .selectFrom("portal_services")
    .select(["id", "name", "url"])
    .where("tenant_id", "=", tenantId)
    .where("sign_on", "=", signOn)
    .where("archived_at", "is", null)
    .execute();
}
