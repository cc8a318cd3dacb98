import type { Kysely } from "kysely";
import type { DB, Profile } from "../../../kernel/db/schema.ts";
import type { UserSummary } from "../shared/contract.ts";
import { insertRole, insertUser, rolesOf, type UserRow } from "./repo.ts";
import { newId } from "../../../kernel/ids.ts";

/** Users with their roles, two queries for a whole page. */
export async function presentUsers(db: Kysely<DB>, tenantId: string, users: UserRow[]): Promise<UserSummary[]> {
  const roles = await rolesOf(db, tenantId, users.map((u) => u.id));
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    email: u.email,
    givenName: u.given_name,
    familyName: u.family_name,
    profile: u.profile,
    status: u.status === "disabled" ? "disabled" : "active",
    lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => ({ id: r.id, orgId: r.org_id, orgName: r.name, role: r.role })),
  }));
}

export type PersonInput = { username: string; email?: string | null; givenName: string; familyName: string; profile: Profile; orgId: string; passwordHash: string | null; locale?: string | null };

/** A person and their first role (their profile, on their node). Used by people admin, setup and imports. */
export async function insertPerson(db: Kysely<DB>, tenantId: string, p: PersonInput, opts: { importId?: string } = {}) {
  const id = newId();
  await insertUser(db, tenantId, {
    id,
    username: p.username,
    email: p.email ?? null,
    given_name: p.givenName,
    family_name: p.familyName,
    profile: p.profile,
    password_hash: p.passwordHash,
    locale: p.locale ?? null,
    status: opts.importId ? "importing" : "active",
    import_id: opts.importId ?? null,
  });
  await insertRole(db, tenantId, { id: newId(), user_id: id, org_id: p.orgId, role: p.profile });
  return id;
}
