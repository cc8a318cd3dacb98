import { type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { DB, Profile, UserImportsTable } from "../../../kernel/db/schema.ts";

export type ImportRow = Selectable<UserImportsTable>;

/**
 * Usernames and emails of the list already used on the platform, whatever the account's state
 * (an import still running holds its names too): one statement for the whole file.
 */
export function findTaken(db: Kysely<DB>, tenantId: string, usernames: string[], emails: string[]) {
  if (usernames.length === 0 && emails.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("users")
    .select(["username", sql<string | null>`lower(email)`.as("email")])
    .where("tenant_id", "=", tenantId)
    .where((eb) => eb.or([eb("username", "=", sql<string>`any(${usernames}::text[])`), eb(sql`lower(email)`, "=", sql<string>`any(${emails}::text[])`)]))
    .execute();
}

/** Nodes an import may place people in: live classes and groups under the node, and nodes of the given codes under it. */
export function findClassCandidates(db: Kysely<DB>, tenantId: string, orgPath: string, codes: string[]) {
  return db
    .selectFrom("orgs")
    .select(["id", "name", "code", "kind", "path"])
    .where("tenant_id", "=", tenantId)
    .where("path", "like", `${orgPath}%`)
    .where("path", "!=", orgPath)
    .where("archived_at", "is", null)
    .where((eb) => eb.or([eb("kind", "in", ["class", "group"]), eb(sql`lower(code)`, "=", sql<string>`any(${codes}::text[])`)]))
    .execute();
}

export function insertImport(db: Kysely<DB>, tenantId: string, row: { id: string; actor_id: string; org_id: string; file_name: string; total: number }) {
  return db
    .insertInto("user_imports")
    .values({ ...row, tenant_id: tenantId, status: "running" })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An import with the path of its node (to check who may follow it). */
export function getImport(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom("user_imports as i")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "i.tenant_id").onRef("o.id", "=", "i.org_id"))
    .selectAll("i")
    .select("o.path as org_path")
    .where("i.tenant_id", "=", tenantId)
    .where("i.id", "=", id)
    .executeTakeFirst();
}

export function updateImport(db: Kysely<DB>, tenantId: string, id: string, patch: Updateable<UserImportsTable>) {
  return db
    .updateTable("user_imports")
    .set({ ...patch, updated_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}

/** Imports of the platform still marked running whose last sign of life is older than `before`. */
export function findStaleImports(db: Kysely<DB>, tenantId: string, before: Date) {
  return db
    .selectFrom("user_imports")
    .select(["id", "actor_id", "class_ids"])
    .where("tenant_id", "=", tenantId)
    .where("status", "=", "running")
    .where("updated_at", "<", before)
    .execute();
}

export type ImportedPerson = {
  id: string;
  username: string;
  email: string | null;
  given_name: string;
  family_name: string;
  profile: Profile;
  password_hash: string | null;
  org_id: string;
  role_id: string;
};

/** A batch of people, not yet able to sign in (status 'importing'), and their roles: two multi-row statements. */
export async function insertImportedPeople(db: Kysely<DB>, tenantId: string, importId: string, people: ImportedPerson[]) {
  if (people.length === 0) return;
  await db
    .insertInto("users")
    .values(
      people.map((p) => ({
        tenant_id: tenantId,
        id: p.id,
        username: p.username,
        email: p.email,
        given_name: p.given_name,
        family_name: p.family_name,
        profile: p.profile,
        password_hash: p.password_hash,
        locale: null,
        status: "importing" as const,
        import_id: importId,
      })),
    )
    .execute();
  await db
    .insertInto("role_assignments")
    .values(people.map((p) => ({ tenant_id: tenantId, id: p.role_id, user_id: p.id, org_id: p.org_id, role: p.profile })))
    .execute();
}

/**
 * Refreshes the planner's statistics of the tables an import fills. Without it, the foreign-key
 * checks of each batch keep plans made when the tables were small (PGlite has no autovacuum)
 * and every batch costs more than the one before. A role that does not own the tables only
 * gets a warning.
 */
export async function refreshStats(db: Kysely<DB>) {
  await sql`analyze users, role_assignments`.execute(db);
}

/** The last step of an import: everyone it created becomes active at once. */
export async function activateImported(db: Kysely<DB>, tenantId: string, importId: string) {
  const r = await db
    .updateTable("users")
    .set({ status: "active" })
    .where("tenant_id", "=", tenantId)
    .where("import_id", "=", importId)
    .where("status", "=", "importing")
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Undoes an import: its people (their roles and sessions follow by cascade). */
export async function deleteImported(db: Kysely<DB>, tenantId: string, importId: string) {
  await db.deleteFrom("users").where("tenant_id", "=", tenantId).where("import_id", "=", importId).where("status", "=", "importing").execute();
}

/** Removes the classes an import created, unless someone has since put people or nodes in them. */
export async function deleteEmptyClasses(db: Kysely<DB>, tenantId: string, ids: string[]) {
  if (ids.length === 0) return;
  await db
    .deleteFrom("orgs as o")
    .where("o.tenant_id", "=", tenantId)
    .where("o.id", "in", ids)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("role_assignments as r").select("r.id").where("r.tenant_id", "=", tenantId).whereRef("r.org_id", "=", "o.id"))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("orgs as c").select("c.id").where("c.tenant_id", "=", tenantId).whereRef("c.parent_id", "=", "o.id"))),
    )
    .execute();
}
