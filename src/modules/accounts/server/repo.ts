import { type Kysely, type Selectable, sql } from "kysely";
import type { ActorFacts } from "../../../kernel/auth/actor-cache.ts";
import type { PartnerReach } from "../../../kernel/auth/actor.ts";
import type { SessionFacts } from "../../../kernel/auth/session-cache.ts";
import type { Opening } from "./me.ts";
import { compiledOnce } from "../../../kernel/db/compiled.ts";
import type { DB, Profile, UsersTable } from "../../../kernel/db/schema.ts";

export type UserRow = Selectable<UsersTable>;

/**
 * Whether the partnership `p` (partners module's table) is running: accepted and not suspended or
 * ended, within its dates. Its people may hold a session only then.
 */
export const partnershipRunning = sql<boolean>`(p.status = 'active' and (p.starts_at is null or p.starts_at <= now()) and (p.ends_at is null or p.ends_at > now()))`;

/** By username first (each lookup stays on one unique index), then by email. */
export async function findUserByLogin(db: Kysely<DB>, tenantId: string, login: string) {
  const l = login.toLowerCase();
  const base = db.selectFrom("users").selectAll().where("tenant_id", "=", tenantId).where("status", "!=", "importing");
  return (await base.where("username", "=", l).executeTakeFirst()) ?? (l.includes("@") ? await base.where(sql`lower(email)`, "=", l).executeTakeFirst() : undefined);
}

export function getUser(db: Kysely<DB>, tenantId: string, id: string) {
  return db.selectFrom("users").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).where("status", "!=", "importing").executeTakeFirst();
}

/** The session behind a cookie: a single-table lookup on its unique key, paid by every authenticated request. */
const sessionByToken = compiledOnce((db, v: Record<"tenantId" | "tokenHash", string>) =>
  db
    .selectFrom("sessions")
    .select(["id as sessionId", "user_id as userId", "csrf_token as csrfToken", "last_seen_at as lastSeenAt", "expires_at as expiresAt"])
    .where("tenant_id", "=", v.tenantId)
    .where("token_hash", "=", v.tokenHash)
    .where("expires_at", ">", sql<Date>`now()`),
);
export async function findSession(db: Kysely<DB>, tenantId: string, tokenHash: string): Promise<SessionFacts | undefined> {
  const s = (await sessionByToken(db, { tenantId, tokenHash }))[0];
  return s && { ...s, lastSeenAt: new Date(s.lastSeenAt), expiresAt: new Date(s.expiresAt) };
}

/**
 * A person's profile, language, roles (on live nodes), operator flag and, for a partner
 * organisation's person, what their partnership reaches (partners module's tables), in one
 * statement (cached by ActorCache). A partner's person whose partnership is not running (not
 * yet accepted, suspended, ended, outside its dates) counts as signed out.
 */
export async function loadActorFacts(db: Kysely<DB>, tenantId: string, userId: string): Promise<ActorFacts | undefined> {
  const r = await sql<Omit<ActorFacts, "partner"> & { status: string; partner: (PartnerReach & { live: boolean }) | null }>`
    select u.profile, u.locale, u.status, u.given_name as "givenName", u.last_login_at as "lastLoginAt",
      (select coalesce(json_agg(json_build_object('orgId', r.org_id, 'path', o.path, 'role', r.role, 'name', o.name, 'kind', o.kind) order by o.name), '[]')
         from role_assignments r join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id
        where r.tenant_id = u.tenant_id and r.user_id = u.id and o.archived_at is null) as grants,
      exists (select 1 from deployment_operators d where d.tenant_id = u.tenant_id and d.user_id = u.id) as "isOperator",
      (select json_build_object('partnerId', p.id, 'role', pp.role,
          'live', ${partnershipRunning},
          'teach', (select coalesce(json_agg(s.course_id), '[]') from partner_scopes s
                     where pp.role = 'trainer' and s.tenant_id = p.tenant_id and s.partner_id = p.id and s.kind = 'teach'),
          'enrolCourses', (select coalesce(json_agg(s.course_id), '[]') from partner_scopes s
                     where pp.role = 'learner' and s.tenant_id = p.tenant_id and s.partner_id = p.id and s.kind = 'enrol' and s.course_id is not null),
          'enrolPaths', (select coalesce(json_agg(o.path), '[]') from partner_scopes s join orgs o on o.tenant_id = s.tenant_id and o.id = s.org_id
                     where pp.role = 'learner' and s.tenant_id = p.tenant_id and s.partner_id = p.id and s.kind = 'enrol' and o.archived_at is null))
         from partner_people pp join partners p on p.tenant_id = pp.tenant_id and p.id = pp.partner_id
        where pp.tenant_id = u.tenant_id and pp.user_id = u.id) as partner
    from users u where u.tenant_id = ${tenantId} and u.id = ${userId}`.execute(db);
  const row = r.rows[0];
  if (!row || row.status !== "active") return undefined;
  if (row.partner && !row.partner.live) return undefined;
  const partner = row.partner ? { partnerId: row.partner.partnerId, role: row.partner.role, teach: row.partner.teach, enrolCourses: row.partner.enrolCourses, enrolPaths: row.partner.enrolPaths } : undefined;
  const lastLoginAt = row.lastLoginAt ? new Date(row.lastLoginAt).toISOString() : null;
  return { profile: row.profile, locale: row.locale, grants: row.grants, isOperator: row.isOperator, ...(partner && { partner }), givenName: row.givenName, lastLoginAt };
}

/** Opens a session and clears the account's failed sign-ins and lock, in one statement. */
export async function openSession(db: Kysely<DB>, tenantId: string, userId: string, s: Opening) {
  await sql`
    with reset as (
      update users set failed_logins = 0, locked_until = null
      where tenant_id = ${tenantId} and id = ${userId} and (failed_logins > 0 or locked_until is not null)
    )
    insert into sessions (tenant_id, id, user_id, token_hash, csrf_token, user_agent, ip, last_seen_at, expires_at)
    values (${tenantId}, ${s.sessionId}, ${userId}, ${s.tokenHash}, ${s.csrfToken}, ${s.userAgent}, ${s.ip}, now(), ${s.expiresAt})`.execute(db);
}

/** Deletes the session sign-in opened before a refusal; a wrong password also counts its failure. */
export async function discardSession(db: Kysely<DB>, tenantId: string, userId: string, sessionId: string, failures?: Partial<Pick<UserRow, "failed_logins" | "locked_until">>) {
  await db.deleteFrom("sessions").where("tenant_id", "=", tenantId).where("id", "=", sessionId).execute();
  if (failures) await updateUserRow(db, tenantId, userId, failures);
}

export function touchSession(db: Kysely<DB>, tenantId: string, id: string, expiresAt: Date) {
  return db.updateTable("sessions").set({ last_seen_at: new Date(), expires_at: expiresAt }).where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

export function listSessions(db: Kysely<DB>, tenantId: string, userId: string) {
  return db
    .selectFrom("sessions")
    .select(["id", "user_agent", "ip", "created_at", "last_seen_at"])
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .where("expires_at", ">", new Date())
    .orderBy("last_seen_at", "desc")
    .execute();
}

/** Deletes a person's sessions (one, all but one, or all); answers the ids of those deleted. */
export async function deleteSessions(db: Kysely<DB>, tenantId: string, userId: string, opts: { only?: string; except?: string } = {}) {
  const rows = await db
    .deleteFrom("sessions")
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .$if(!!opts.only, (q) => q.where("id", "=", opts.only!))
    .$if(!!opts.except, (q) => q.where("id", "!=", opts.except!))
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

export function deleteSessionByToken(db: Kysely<DB>, tenantId: string, tokenHash: string) {
  return db.deleteFrom("sessions").where("tenant_id", "=", tenantId).where("token_hash", "=", tokenHash).returning(["id", "user_id"]).executeTakeFirst();
}

export function updateUserRow(db: Kysely<DB>, tenantId: string, id: string, patch: Partial<Omit<UserRow, "tenant_id" | "id" | "created_at">>) {
  return db.updateTable("users").set(patch).where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

export function insertUser(db: Kysely<DB>, tenantId: string, u: { id: string; username: string; email: string | null; given_name: string; family_name: string; profile: Profile; password_hash: string | null; locale?: string | null; status?: "active" | "importing"; import_id?: string | null }) {
  return db.insertInto("users").values({ import_id: null, locale: null, ...u, tenant_id: tenantId }).execute();
}

export function insertRole(db: Kysely<DB>, tenantId: string, r: { id: string; user_id: string; org_id: string; role: Profile }) {
  return db.insertInto("role_assignments").values({ ...r, tenant_id: tenantId }).onConflict((oc) => oc.columns(["tenant_id", "user_id", "org_id", "role"]).doNothing()).execute();
}

export function deleteRole(db: Kysely<DB>, tenantId: string, userId: string, id: string) {
  return db.deleteFrom("role_assignments").where("tenant_id", "=", tenantId).where("user_id", "=", userId).where("id", "=", id).executeTakeFirst();
}

/** A person's roles with the node names and paths. */
export function rolesOf(db: Kysely<DB>, tenantId: string, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("role_assignments as r")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "r.tenant_id").onRef("o.id", "=", "r.org_id"))
    .select(["r.id", "r.user_id", "r.org_id", "r.role", "o.name", "o.path"])
    .where("r.tenant_id", "=", tenantId)
    .where("r.user_id", "in", userIds)
    .orderBy("o.path")
    .execute();
}

export function insertReset(db: Kysely<DB>, tenantId: string, r: { id: string; user_id: string; token_hash: string; expires_at: Date }) {
  return db.insertInto("password_resets").values({ ...r, tenant_id: tenantId }).execute();
}

export function findReset(db: Kysely<DB>, tenantId: string, tokenHash: string) {
  return db
    .selectFrom("password_resets")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", new Date())
    .executeTakeFirst();
}

export function markResetUsed(db: Kysely<DB>, tenantId: string, id: string) {
  return db.updateTable("password_resets").set({ used_at: new Date() }).where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

/** When a session began (the person typed their password, or came back from their identity provider, then). */
export async function sessionStartedAt(db: Kysely<DB>, tenantId: string, sessionId: string) {
  const r = await db.selectFrom("sessions").select("created_at").where("tenant_id", "=", tenantId).where("id", "=", sessionId).executeTakeFirst();
  return r ? new Date(r.created_at) : undefined;
}
