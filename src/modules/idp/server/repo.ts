import { type Kysely, sql } from "kysely";
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
  t: { ticket_hash: string; service: string; service_id: string; user_id: string; expires_at: Date },
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
