import { type Kysely, type Selectable, sql } from "kysely";
import type { DB, SsoProvidersTable } from "../../../kernel/db/schema.ts";

export type ProviderRow = Selectable<SsoProvidersTable>;
/** Public settings per kind, stored as jsonb; the OIDC client secret has its own column. */
export type OidcSettings = { issuer: string; clientId: string; scopes: string };
export type SamlSettings = { entityId: string; ssoUrl: string; certificates: string[] };
export type CasSettings = { casUrl: string };

export function listProviders(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom("sso_providers").selectAll().where("tenant_id", "=", tenantId).orderBy(sql`name collate "und-x-icu"`).execute();
}

export function getProvider(db: Kysely<DB>, tenantId: string, id: string) {
  return db.selectFrom("sso_providers").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

export function enabledProviders(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom("sso_providers")
    .select(["id", "name", "kind"])
    .where("tenant_id", "=", tenantId)
    .where("enabled", "=", true)
    .orderBy(sql`name collate "und-x-icu"`)
    .execute();
}

type ProviderValues = Omit<ProviderRow, "tenant_id" | "id" | "created_at" | "updated_at" | "settings" | "mapping"> & { settings: string; mapping: string };

export function insertProvider(db: Kysely<DB>, tenantId: string, id: string, v: ProviderValues) {
  return db
    .insertInto("sso_providers")
    .values({ tenant_id: tenantId, id, ...v })
    .execute();
}

export function updateProvider(db: Kysely<DB>, tenantId: string, id: string, v: ProviderValues) {
  return db
    .updateTable("sso_providers")
    .set({ ...v, updated_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}

export function deleteProvider(db: Kysely<DB>, tenantId: string, id: string) {
  return db.deleteFrom("sso_providers").where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

export async function insertFlow(
  db: Kysely<DB>,
  tenantId: string,
  f: { id: string; provider_id: string; binding_hash: string; code_verifier?: string; nonce?: string; expires_at: Date },
) {
  // flows abandoned by their browser go when the next one starts
  await db.deleteFrom("sso_flows").where("tenant_id", "=", tenantId).where("expires_at", "<", new Date()).execute();
  await db
    .insertInto("sso_flows")
    .values({ tenant_id: tenantId, ...f })
    .execute();
}

export function findFlow(db: Kysely<DB>, tenantId: string, providerId: string, id: string) {
  return db.selectFrom("sso_flows").selectAll().where("tenant_id", "=", tenantId).where("provider_id", "=", providerId).where("id", "=", id).executeTakeFirst();
}

export function setFlowRequestId(db: Kysely<DB>, tenantId: string, id: string, requestId: string) {
  return db.updateTable("sso_flows").set({ request_id: requestId }).where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

/** Single use: the row goes as the answer is accepted, so a replayed answer finds nothing. */
export async function consumeFlow(db: Kysely<DB>, tenantId: string, id: string) {
  const r = await db.deleteFrom("sso_flows").where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export function findIdentity(db: Kysely<DB>, tenantId: string, providerId: string, subject: string) {
  return db
    .selectFrom("sso_identities as i")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "i.tenant_id").onRef("u.id", "=", "i.user_id"))
    .select(["i.id", "i.user_id", "u.status", "u.profile"])
    .where("i.tenant_id", "=", tenantId)
    .where("i.provider_id", "=", providerId)
    .where("i.subject", "=", subject)
    .executeTakeFirst();
}

export function insertIdentity(db: Kysely<DB>, tenantId: string, v: { id: string; provider_id: string; subject: string; user_id: string }) {
  return db
    .insertInto("sso_identities")
    .values({ tenant_id: tenantId, ...v })
    .execute();
}

export function touchIdentity(db: Kysely<DB>, tenantId: string, id: string) {
  return db.updateTable("sso_identities").set({ last_seen_at: new Date() }).where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

export function findUserByEmail(db: Kysely<DB>, tenantId: string, email: string) {
  return db
    .selectFrom("users")
    .select(["id", "status", "profile"])
    .where("tenant_id", "=", tenantId)
    .where(sql<boolean>`lower(email) = ${email.toLowerCase()}`)
    .executeTakeFirst();
}

export async function usernameTaken(db: Kysely<DB>, tenantId: string, username: string) {
  return !!(await db.selectFrom("users").select("id").where("tenant_id", "=", tenantId).where("username", "=", username).executeTakeFirst());
}

/** Class nodes named (by code or name, any case) in the list, with the person's roles on them. */
export function classesNamed(db: Kysely<DB>, tenantId: string, userId: string | null, names: string[]) {
  const lower = names.map((n) => n.toLowerCase());
  return db
    .selectFrom("orgs as o")
    .leftJoin("role_assignments as r", (j) => j.onRef("r.tenant_id", "=", "o.tenant_id").onRef("r.org_id", "=", "o.id").on("r.user_id", "=", userId))
    .select(["o.id", sql<boolean>`r.id is not null`.as("member")])
    .where("o.tenant_id", "=", tenantId)
    .where("o.kind", "=", "class")
    .where("o.archived_at", "is", null)
    .where((w) => w.or([w(sql`lower(o.name)`, "in", lower), w(sql`lower(o.code)`, "in", lower)]))
    .execute();
}

/** The log keeps 90 days: older entries go as new ones come. */
export async function insertFailure(db: Kysely<DB>, tenantId: string, v: { id: string; provider_id: string | null; code: string; detail: string }) {
  await db
    .deleteFrom("sso_failures")
    .where("tenant_id", "=", tenantId)
    .where("at", "<", new Date(Date.now() - 90 * 86400_000))
    .execute();
  await db
    .insertInto("sso_failures")
    .values({ tenant_id: tenantId, ...v })
    .execute();
}

export function latestFailures(db: Kysely<DB>, tenantId: string, limit: number) {
  return db
    .selectFrom("sso_failures as f")
    .leftJoin("sso_providers as p", (j) => j.onRef("p.tenant_id", "=", "f.tenant_id").onRef("p.id", "=", "f.provider_id"))
    .select(["f.id", "p.name", "f.code", "f.detail", "f.at"])
    .where("f.tenant_id", "=", tenantId)
    .orderBy("f.at", "desc")
    .limit(limit)
    .execute();
}
