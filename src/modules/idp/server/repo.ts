import { type Kysely, sql } from "kysely";
import type { Tenant } from "../../../kernel/auth/actor.ts";
import { hashToken } from "../../../kernel/auth/tokens.ts";
import type { DB, Profile } from "../../../kernel/db/schema.ts";

// ---- OpenID Connect clients ----

/** A registered client as oidc-provider reads it; none while its service is archived or not on OpenID Connect. */
export async function findClientMetadata(db: Kysely<DB>, tenantId: string, clientId: string) {
  const r = await db
    .selectFrom("idp_clients as c")
    .innerJoin("portal_services as s", (j) => j.onRef("s.tenant_id", "=", "c.tenant_id").onRef("s.id", "=", "c.service_id"))
    .select(["c.client_id", "c.secret_hash", "c.auth_method", "c.redirect_uris", "c.post_logout_redirect_uris", "c.backchannel_logout_uri", "s.name"])
    .where("c.tenant_id", "=", tenantId)
    .where("c.client_id", "=", clientId)
    .where("s.archived_at", "is", null)
    .where("s.sign_on", "=", "oidc")
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    client_id: r.client_id,
    // the SHA-256 of the secret: compareClientSecret hashes what the client sends (see provider.ts)
    client_secret: r.secret_hash,
    client_name: r.name,
    token_endpoint_auth_method: r.auth_method,
    grant_types: ["authorization_code"],
    response_types: ["code"],
    redirect_uris: r.redirect_uris,
    post_logout_redirect_uris: r.post_logout_redirect_uris,
    ...(r.backchannel_logout_uri && { backchannel_logout_uri: r.backchannel_logout_uri, backchannel_logout_session_required: true }),
  };
}

/** Front-channel logout addresses of these clients (oidc-provider 9 no longer does front-channel logout). */
export function frontchannelUris(db: Kysely<DB>, tenantId: string, clientIds: string[]) {
  if (clientIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("idp_clients")
    .select(["client_id", "frontchannel_logout_uri"])
    .where("tenant_id", "=", tenantId)
    .where("client_id", "in", clientIds)
    .where("frontchannel_logout_uri", "is not", null)
    .execute();
}

export function getClientRow(db: Kysely<DB>, tenantId: string, serviceId: string) {
  return db.selectFrom("idp_clients").selectAll().where("tenant_id", "=", tenantId).where("service_id", "=", serviceId).executeTakeFirst();
}

// ---- what a service learns about a person ----

export type Place = { id: string; name: string; kind: string; role: Profile };
export type Person = {
  id: string;
  username: string;
  email: string | null;
  given_name: string;
  family_name: string;
  profile: Profile;
  locale: string | null;
  places: Place[];
  platform_name: string;
};

/** An active person with their places (roles on live nodes) and the platform's name: one statement. */
export async function findPerson(db: Kysely<DB>, tenantId: string, userId: string): Promise<Person | undefined> {
  const r = await sql<Person>`
    select u.id, u.username, u.email, u.given_name, u.family_name, u.profile, u.locale,
      (select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'kind', o.kind, 'role', r.role) order by o.path), '[]')
         from role_assignments r join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id
        where r.tenant_id = u.tenant_id and r.user_id = u.id and o.archived_at is null) as places,
      (select o.name from tenants t join orgs o on o.tenant_id = t.id and o.id = t.root_org_id where t.id = u.tenant_id) as platform_name
    from users u where u.tenant_id = ${tenantId} and u.id = ${userId} and u.status = 'active'`.execute(db);
  return r.rows[0];
}

// ---- CAS service tickets ----

export function insertTicket(
  db: Kysely<DB>,
  tenantId: string,
  t: { ticket_hash: string; service: string; service_id: string; user_id: string; expires_at: Date; session_id: string; renewed: boolean },
) {
  return db
    .insertInto("cas_tickets")
    .values({ ...t, tenant_id: tenantId })
    .execute();
}

/** Takes a ticket out (single use: whoever deletes it first has it), expired or not. */
export function takeTicket(db: Kysely<DB>, tenantId: string, ticketHash: string) {
  return db.deleteFrom("cas_tickets").where("tenant_id", "=", tenantId).where("ticket_hash", "=", ticketHash).returningAll().executeTakeFirst();
}

// ---- single logout ----

/** Takes out the provider sessions that follow these Archipel sessions: who they were and which services they signed into. */
export async function takeProviderSessions(db: Kysely<DB>, tenantId: string, sessionIds: string[]) {
  const rows = await db
    .deleteFrom("idp_models")
    .where("tenant_id", "=", tenantId)
    .where("model", "=", "Session")
    .where("archipel_session_id", "in", sessionIds)
    .returning(["payload", "issuer"])
    .execute();
  return rows.map((r) => {
    const p = (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as {
      accountId?: string;
      authorizations?: Record<string, { sid?: string; grantId?: string; persistsLogout?: boolean }>;
    };
    return { issuer: r.issuer!, accountId: p.accountId, authorizations: p.authorizations ?? {} };
  });
}

/** Revokes grants as the provider's end_session does: their tokens and codes, and the grants themselves. */
export async function revokeGrants(db: Kysely<DB>, tenantId: string, grantIds: string[]) {
  if (grantIds.length === 0) return;
  await db
    .deleteFrom("idp_models")
    .where("tenant_id", "=", tenantId)
    .where((eb) => eb.or([eb("grant_id", "in", grantIds), eb.and([eb("model", "=", "Grant"), eb("id_hash", "in", grantIds.map(hashToken))])]))
    .execute();
}

/** How these clients are told of a sign-out. */
export function logoutAddresses(db: Kysely<DB>, tenantId: string, clientIds: string[]) {
  if (clientIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("idp_clients")
    .select(["client_id", "backchannel_logout_uri", "frontchannel_logout_uri"])
    .where("tenant_id", "=", tenantId)
    .where("client_id", "in", clientIds)
    .execute();
}

/**
 * Takes out what CAS services got from these Archipel sessions: validated tickets of services
 * with Single Logout on (the others' are just forgotten), and tickets not validated yet (which
 * then never validate).
 */
export async function takeCasLogins(db: Kysely<DB>, tenantId: string, sessionIds: string[]) {
  await db.deleteFrom("cas_tickets").where("tenant_id", "=", tenantId).where("session_id", "in", sessionIds).execute();
  const rows = await db
    .deleteFrom("cas_logins")
    .where("tenant_id", "=", tenantId)
    .where("session_id", "in", sessionIds)
    .returning(["ticket", "service", "service_id"])
    .execute();
  if (rows.length === 0) return [];
  const off = await db
    .selectFrom("cas_services")
    .select("service_id")
    .where("tenant_id", "=", tenantId)
    .where("service_id", "in", [...new Set(rows.map((r) => r.service_id))])
    .where("single_logout", "=", false)
    .execute();
  return rows.filter((r) => !off.some((o) => o.service_id === r.service_id));
}

/** A validated ticket, kept as the SessionIndex of the service's session until the Archipel session ends. */
export async function insertCasLogin(
  db: Kysely<DB>,
  tenantId: string,
  l: { session_id: string; ticket: string; service: string; service_id: string },
  keepDays: number,
) {
  await db
    .insertInto("cas_logins")
    .values({ ...l, tenant_id: tenantId })
    .onConflict((oc) => oc.doNothing())
    .execute();
  // those of sessions that expired rather than ended go now and then
  if (Math.random() < 0.02)
    await db
      .deleteFrom("cas_logins")
      .where("tenant_id", "=", tenantId)
      .where("created_at", "<", new Date(Date.now() - keepDays * 86400_000))
      .execute();
}

export async function casSingleLogout(db: Kysely<DB>, tenantId: string, serviceId: string) {
  const r = await db
    .selectFrom("cas_services")
    .select("single_logout")
    .where("tenant_id", "=", tenantId)
    .where("service_id", "=", serviceId)
    .executeTakeFirst();
  return r?.single_logout ?? true;
}

export async function setCasSingleLogout(db: Kysely<DB>, tenantId: string, serviceId: string, on: boolean) {
  await db
    .insertInto("cas_services")
    .values({ tenant_id: tenantId, service_id: serviceId, single_logout: on })
    .onConflict((oc) => oc.columns(["tenant_id", "service_id"]).doUpdateSet({ single_logout: on, updated_at: new Date() }))
    .execute();
}

/** A platform as the provider needs it, for work done outside a request (back-channel logout jobs). */
export async function findTenant(db: Kysely<DB>, tenantId: string): Promise<Tenant | undefined> {
  const t = await db.selectFrom("tenants").select(["id", "slug", "root_org_id", "default_locale"]).where("id", "=", tenantId).executeTakeFirst();
  return t && { id: t.id, slug: t.slug, rootOrgId: t.root_org_id, defaultLocale: t.default_locale };
}

/** What hung on these Archipel sessions (provider sessions, CAS tickets and logins) now hangs on another of the same person. */
export async function carryLogins(db: Kysely<DB>, tenantId: string, sessionIds: string[], to: string) {
  await db
    .updateTable("idp_models")
    .set({ archipel_session_id: to })
    .where("tenant_id", "=", tenantId)
    .where("archipel_session_id", "in", sessionIds)
    .execute();
  await db.updateTable("cas_tickets").set({ session_id: to }).where("tenant_id", "=", tenantId).where("session_id", "in", sessionIds).execute();
  await db.updateTable("cas_logins").set({ session_id: to }).where("tenant_id", "=", tenantId).where("session_id", "in", sessionIds).execute();
}
