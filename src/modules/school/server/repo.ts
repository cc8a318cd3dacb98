import { type Kysely, sql } from "kysely";
import type { UserActor } from "../../../kernel/auth/actor.ts";
import type { DB } from "../../../kernel/db/schema.ts";
import { staffPaths } from "./access.ts";

const byName = sql`collate "und-x-icu"`;

export type ClassRow = { id: string; name: string; code: string | null; path: string; parent_name: string | null; pupils: number };

/** Ids of the classes a parent's children are placed in (a subquery). */
export const childClassIds = (db: Kysely<DB>, tenantId: string, parentId: string) =>
  db
    .selectFrom("school_guardians as g")
    .innerJoin("role_assignments as r", (j) => j.onRef("r.tenant_id", "=", "g.tenant_id").onRef("r.user_id", "=", "g.child_id"))
    .select("r.org_id")
    .where("g.tenant_id", "=", tenantId)
    .where("g.parent_id", "=", parentId)
    .where("r.role", "=", "learner");

const classQuery = (db: Kysely<DB>, tenantId: string) =>
  db
    .selectFrom("orgs as o")
    .leftJoin("orgs as p", (j) => j.onRef("p.tenant_id", "=", "o.tenant_id").onRef("p.id", "=", "o.parent_id"))
    .select(["o.id", "o.name", "o.code", "o.path", "p.name as parent_name"])
    .select((eb) =>
      eb
        .selectFrom("role_assignments as r")
        .whereRef("r.tenant_id", "=", "o.tenant_id")
        .whereRef("r.org_id", "=", "o.id")
        .where("r.role", "=", "learner")
        .select(sql<number>`count(*)::int`.as("n"))
        .as("pupils"),
    )
    .where("o.tenant_id", "=", tenantId)
    .where("o.kind", "=", "class")
    .where("o.archived_at", "is", null);

/**
 * Read-only diary access (inspectors): the nodes under which a person reads every class's diary,
 * as a subquery of paths. Heads of school need no such grant: they are admins of the school node.
 */
export const diaryReaderPaths = (db: Kysely<DB>, tenantId: string, userId: string) =>
  db
    .selectFrom("school_diary_readers as dr")
    .innerJoin("orgs as ro", (j) => j.onRef("ro.tenant_id", "=", "dr.tenant_id").onRef("ro.id", "=", "dr.org_id"))
    .select("ro.path")
    .where("dr.tenant_id", "=", tenantId)
    .where("dr.user_id", "=", userId);

/**
 * Classes the actor may see, in one statement: under a node they administer or staff, a class
 * they are placed on (pupil, teacher), one of their children's, or under a node whose diary they read.
 */
export function classesFor(db: Kysely<DB>, actor: UserActor): Promise<ClassRow[]> {
  const paths = staffPaths(actor);
  const own = actor.grants.map((g) => g.orgId);
  return classQuery(db, actor.tenant.id)
    .where((eb) =>
      eb.or([
        ...paths.map((p) => eb("o.path", "like", `${p}%`)),
        ...(own.length ? [eb("o.id", "in", own)] : []),
        ...(actor.profile === "parent" ? [eb("o.id", "in", childClassIds(db, actor.tenant.id, actor.userId))] : []),
        eb.exists(diaryReaderPaths(db, actor.tenant.id, actor.userId).where(sql<boolean>`o.path like ro.path || '%'`)),
      ]),
    )
    .orderBy(sql`p.name ${byName}`)
    .orderBy(sql`o.name ${byName}`)
    .execute() as Promise<ClassRow[]>;
}

export function getClassRow(db: Kysely<DB>, tenantId: string, id: string): Promise<ClassRow | undefined> {
  return classQuery(db, tenantId).where("o.id", "=", id).executeTakeFirst() as Promise<ClassRow | undefined>;
}

export type TeachingRow = {
  id: string;
  class_id: string;
  subject_id: string;
  code: string;
  subject_name: string;
  color: string;
  subject_archived: Date | null;
  teacher_id: string;
  given_name: string;
  family_name: string;
};

/** Who teaches what in these classes: one statement for any number of classes. */
export function teachingsOf(db: Kysely<DB>, tenantId: string, classIds: string[]): Promise<TeachingRow[]> {
  if (classIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("school_teachings as t")
    .innerJoin("school_subjects as s", (j) => j.onRef("s.tenant_id", "=", "t.tenant_id").onRef("s.id", "=", "t.subject_id"))
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "t.tenant_id").onRef("u.id", "=", "t.teacher_id"))
    .select([
      "t.id",
      "t.class_id",
      "t.subject_id",
      "s.code",
      "s.name as subject_name",
      "s.color",
      "s.archived_at as subject_archived",
      "t.teacher_id",
      "u.given_name",
      "u.family_name",
    ])
    .where("t.tenant_id", "=", tenantId)
    .where("t.class_id", "in", classIds)
    .orderBy(sql`s.name ${byName}`)
    .orderBy(sql`u.family_name ${byName}`)
    .execute();
}

export function getTeaching(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom("school_teachings as t")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "t.tenant_id").onRef("o.id", "=", "t.class_id"))
    .select(["t.id", "t.class_id", "t.teacher_id", "o.path"])
    .where("t.tenant_id", "=", tenantId)
    .where("t.id", "=", id)
    .executeTakeFirst();
}

export function listSubjectRows(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom("school_subjects")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy(sql`archived_at is not null`)
    .orderBy(sql`name ${byName}`)
    .execute();
}

export function getSubjectRow(db: Kysely<DB>, tenantId: string, id: string) {
  return db.selectFrom("school_subjects").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

export function findSubjectByCode(db: Kysely<DB>, tenantId: string, code: string) {
  return db.selectFrom("school_subjects").selectAll().where("tenant_id", "=", tenantId).where(sql`lower(code)`, "=", code.toLowerCase()).executeTakeFirst();
}

export type PupilRow = { id: string; given_name: string; family_name: string; username: string };

/** Pupils of a class (learners placed on it), by family name. */
export function pupilsOf(db: Kysely<DB>, tenantId: string, classId: string): Promise<PupilRow[]> {
  return db
    .selectFrom("role_assignments as r")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "r.tenant_id").onRef("u.id", "=", "r.user_id"))
    .select(["u.id", "u.given_name", "u.family_name", "u.username"])
    .where("r.tenant_id", "=", tenantId)
    .where("r.org_id", "=", classId)
    .where("r.role", "=", "learner")
    .where("u.status", "=", "active")
    .orderBy(sql`u.family_name ${byName}`)
    .orderBy(sql`u.given_name ${byName}`)
    .execute();
}

/** Parents linked to these children, and pending (unexpired, unused) invitations: one statement. */
export async function guardiansOf(db: Kysely<DB>, tenantId: string, childIds: string[]) {
  if (childIds.length === 0) return [];
  const r = await sql<{
    child_id: string;
    link_id: string | null;
    parent_id: string | null;
    given_name: string | null;
    family_name: string | null;
    pending: boolean;
  }>`
    select * from (
    select g.child_id, g.id as link_id, g.parent_id, u.given_name, u.family_name, false as pending
      from school_guardians g join users u on u.tenant_id = g.tenant_id and u.id = g.parent_id
      where g.tenant_id = ${tenantId} and g.child_id = any(${childIds}::uuid[])
    union all
    select i.child_id, null, null, null, null, true from school_invitations i
      where i.tenant_id = ${tenantId} and i.child_id = any(${childIds}::uuid[]) and i.accepted_at is null and i.expires_at > now()
    ) x order by family_name ${byName} nulls last`.execute(db);
  return r.rows;
}

/** Paths of the nodes a person is placed on (to check who administers them). */
export async function placesOf(db: Kysely<DB>, tenantId: string, userId: string) {
  return db
    .selectFrom("role_assignments as r")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "r.tenant_id").onRef("o.id", "=", "r.org_id"))
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "r.tenant_id").onRef("u.id", "=", "r.user_id"))
    .select(["o.id", "o.path", "o.kind", "r.role", "u.profile", "u.given_name", "u.family_name", "u.status"])
    .where("r.tenant_id", "=", tenantId)
    .where("r.user_id", "=", userId)
    .execute();
}

export function insertGuardians(db: Kysely<DB>, tenantId: string, rows: { id: string; parent_id: string; child_id: string }[]) {
  if (rows.length === 0) return Promise.resolve();
  return db
    .insertInto("school_guardians")
    .values(rows.map((r) => ({ ...r, tenant_id: tenantId })))
    .onConflict((oc) => oc.columns(["tenant_id", "parent_id", "child_id"]).doNothing())
    .execute();
}

export function getGuardian(db: Kysely<DB>, tenantId: string, id: string) {
  return db.selectFrom("school_guardians").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

/** The children linked to a parent, with the classes they are placed on. */
export function childrenOf(db: Kysely<DB>, tenantId: string, parentId: string) {
  return db
    .selectFrom("school_guardians as g")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "g.tenant_id").onRef("u.id", "=", "g.child_id"))
    .leftJoin("role_assignments as r", (j) => j.onRef("r.tenant_id", "=", "g.tenant_id").onRef("r.user_id", "=", "g.child_id").on("r.role", "=", "learner"))
    .leftJoin("orgs as o", (j) =>
      j.onRef("o.tenant_id", "=", "r.tenant_id").onRef("o.id", "=", "r.org_id").on("o.kind", "=", "class").on("o.archived_at", "is", null),
    )
    .select(["u.id", "u.given_name", "u.family_name", "o.id as class_id", "o.name as class_name"])
    .where("g.tenant_id", "=", tenantId)
    .where("g.parent_id", "=", parentId)
    .where("u.status", "=", "active")
    .orderBy(sql`u.given_name ${byName}`)
    .orderBy(sql`o.name ${byName}`)
    .execute();
}
