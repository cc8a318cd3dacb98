import { type Kysely, sql } from "kysely";
import type { DB, PartnerRole } from "../../../kernel/db/schema.ts";

type Tid = string;

/** A partnership with its host node's path and name. */
export function findPartner(db: Kysely<DB>, tid: Tid, id: string) {
  return db
    .selectFrom("partners as p")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "p.tenant_id").onRef("o.id", "=", "p.org_id"))
    .selectAll("p")
    .select(["o.path as org_path", "o.name as org_name"])
    .where("p.tenant_id", "=", tid)
    .where("p.id", "=", id)
    .executeTakeFirst();
}
export type PartnerRow = NonNullable<Awaited<ReturnType<typeof findPartner>>>;

/** Partnerships hung on nodes under the given paths, with their head counts: one query. */
export function partnersUnder(db: Kysely<DB>, tid: Tid, paths: string[]) {
  if (paths.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("partners as p")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "p.tenant_id").onRef("o.id", "=", "p.org_id"))
    .selectAll("p")
    .select(["o.path as org_path", "o.name as org_name"])
    .select((eb) => [
      eb
        .selectFrom("partner_people as t")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("t.tenant_id", "=", "p.tenant_id")
        .whereRef("t.partner_id", "=", "p.id")
        .where("t.role", "=", "trainer")
        .as("trainers"),
      eb
        .selectFrom("partner_people as l")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("l.tenant_id", "=", "p.tenant_id")
        .whereRef("l.partner_id", "=", "p.id")
        .where("l.role", "=", "learner")
        .as("learners"),
    ])
    .where("p.tenant_id", "=", tid)
    .where((eb) => eb.or(paths.map((path) => eb("o.path", "like", `${path}%`))))
    .orderBy(sql`p.name collate "und-x-icu"`)
    .orderBy("p.id")
    .execute();
}

/** The partnership's scopes with the names of what they point at. */
export function scopesOf(db: Kysely<DB>, tid: Tid, partnerId: string) {
  return db
    .selectFrom("partner_scopes as s")
    .leftJoin("courses as c", (j) => j.onRef("c.tenant_id", "=", "s.tenant_id").onRef("c.id", "=", "s.course_id"))
    .leftJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "s.tenant_id").onRef("o.id", "=", "s.org_id"))
    .select(["s.kind", "s.course_id", "s.org_id", "c.title", "o.name"])
    .where("s.tenant_id", "=", tid)
    .where("s.partner_id", "=", partnerId)
    .orderBy(sql`coalesce(c.title, o.name) collate "und-x-icu"`)
    .execute();
}

export async function replaceScopes(
  db: Kysely<DB>,
  tid: Tid,
  partnerId: string,
  s: { teachCourseIds: string[]; enrolCourseIds: string[]; enrolOrgIds: string[] },
) {
  await db.deleteFrom("partner_scopes").where("tenant_id", "=", tid).where("partner_id", "=", partnerId).execute();
  const rows = [
    ...[...new Set(s.teachCourseIds)].map((course_id) => ({ kind: "teach" as const, course_id, org_id: null })),
    ...[...new Set(s.enrolCourseIds)].map((course_id) => ({ kind: "enrol" as const, course_id, org_id: null })),
    ...[...new Set(s.enrolOrgIds)].map((org_id) => ({ kind: "enrol" as const, course_id: null, org_id })),
  ];
  if (rows.length)
    await db
      .insertInto("partner_scopes")
      .values(rows.map((r) => ({ ...r, tenant_id: tid, partner_id: partnerId })))
      .execute();
}

export function peopleOf(db: Kysely<DB>, tid: Tid, partnerId: string) {
  return db
    .selectFrom("partner_people as pp")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "pp.tenant_id").onRef("u.id", "=", "pp.user_id"))
    .select(["u.id", "u.username", "u.given_name", "u.family_name", "u.email", "u.last_login_at", "pp.role"])
    .where("pp.tenant_id", "=", tid)
    .where("pp.partner_id", "=", partnerId)
    .orderBy("pp.role")
    .orderBy(sql`u.family_name collate "und-x-icu"`)
    .orderBy("u.id")
    .execute();
}

/** The partner's people's memberships in the platform's courses, with their progress counts: one query. */
export function activityOf(db: Kysely<DB>, tid: Tid, partnerId: string) {
  return db
    .selectFrom("partner_people as pp")
    .innerJoin("course_members as m", (j) => j.onRef("m.tenant_id", "=", "pp.tenant_id").onRef("m.user_id", "=", "pp.user_id"))
    .innerJoin("courses as c", (j) => j.onRef("c.tenant_id", "=", "m.tenant_id").onRef("c.id", "=", "m.course_id"))
    .select(["pp.user_id", "c.id as course_id", "c.title", "m.role", "m.created_at", "m.completed_at"])
    .select((eb) =>
      eb
        .selectFrom("item_progress as ip")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("ip.tenant_id", "=", "m.tenant_id")
        .whereRef("ip.user_id", "=", "m.user_id")
        .whereRef("ip.course_id", "=", "m.course_id")
        .where("ip.done_at", "is not", null)
        .as("items_done"),
    )
    .where("pp.tenant_id", "=", tid)
    .where("pp.partner_id", "=", partnerId)
    .where("m.status", "=", "active")
    .orderBy(sql`c.title collate "und-x-icu"`)
    .orderBy("m.id")
    .execute();
}

export function addPerson(db: Kysely<DB>, tid: Tid, partnerId: string, userId: string, role: PartnerRole) {
  return db.insertInto("partner_people").values({ tenant_id: tid, partner_id: partnerId, user_id: userId, role }).execute();
}
