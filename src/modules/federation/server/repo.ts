import { type Kysely, sql, type Transaction } from "kysely";
import type { Tenant } from "../../../kernel/auth/actor.ts";
import { crossTenant } from "../../../kernel/db/database.ts";
import type { DB } from "../../../kernel/db/schema.ts";

type Db = Kysely<DB> | Transaction<DB>;

export type AgreementRow = Awaited<ReturnType<typeof getAgreement>> & {};

/** The other active platforms, by the name of their root node (tenants is a reference table; the join names tenant_id). */
export function platformNames(db: Db, ids?: string[]) {
  return db
    .selectFrom("tenants as t")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "t.id").onRef("o.id", "=", "t.root_org_id"))
    .select(["t.id", "o.name"])
    .where("t.status", "=", "active")
    .$if(!!ids, (q) => q.where("t.id", "in", ids!.length ? ids! : ["00000000-0000-0000-0000-000000000000"]))
    .orderBy(sql`o.name collate "und-x-icu"`)
    .execute();
}

export async function tenantById(db: Db, id: string): Promise<Tenant | null> {
  const r = await db
    .selectFrom("tenants")
    .select(["id", "slug", "root_org_id", "default_locale"])
    .where("id", "=", id)
    .where("status", "=", "active")
    .executeTakeFirst();
  return r ? { id: r.id, slug: r.slug, rootOrgId: r.root_org_id, defaultLocale: r.default_locale } : null;
}

/** Courses of one platform that an agreement may name: not archived, not templates. */
export function ownCourses(db: Db, tenantId: string, ids?: string[]) {
  return db
    .selectFrom("courses")
    .select(["id", "title"])
    .where("tenant_id", "=", tenantId)
    .where("status", "<>", "archived")
    .where("is_template", "=", false)
    .$if(!!ids, (q) => q.where("id", "in", ids!))
    .orderBy(sql`title collate "und-x-icu"`)
    .execute();
}

const AGREEMENT_COLUMNS = [
  "id",
  "side",
  "grantor_tenant_id",
  "grantee_tenant_id",
  "browse",
  "enrol_course_ids",
  "copy_course_ids",
  "coteach_course_ids",
  "course_titles",
  sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as("starts_on"),
  sql<string>`to_char(ends_on, 'YYYY-MM-DD')`.as("ends_on"),
  "status",
  "created_at",
] as const;

export function getAgreement(db: Db, tenantId: string, id: string) {
  return db.selectFrom("federation_agreements").select(AGREEMENT_COLUMNS).where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

export function listAgreements(db: Db, tenantId: string) {
  return db.selectFrom("federation_agreements").select(AGREEMENT_COLUMNS).where("tenant_id", "=", tenantId).orderBy("id", "desc").execute();
}

/** Agreements this platform receives that are accepted and in their dates today. */
export function agreementsInForce(db: Db, tenantId: string) {
  return db
    .selectFrom("federation_agreements")
    .select(AGREEMENT_COLUMNS)
    .where("tenant_id", "=", tenantId)
    .where("side", "=", "grantee")
    .where("status", "=", "accepted")
    .where(sql<boolean>`current_date between starts_on and ends_on`)
    .execute();
}

export type NewAgreement = {
  id: string;
  grantor_tenant_id: string;
  grantee_tenant_id: string;
  browse: boolean;
  enrol_course_ids: string[];
  copy_course_ids: string[];
  coteach_course_ids: string[];
  course_titles: Record<string, string>;
  starts_on: string;
  ends_on: string;
};

/** Both platforms' copies of a new agreement, in one transaction. */
export async function insertAgreement(trx: Db, a: NewAgreement) {
  const base = { ...a, course_titles: JSON.stringify(a.course_titles) };
  await trx
    .insertInto("federation_agreements")
    .values([
      { ...base, tenant_id: a.grantor_tenant_id, side: "grantor" },
      { ...base, tenant_id: a.grantee_tenant_id, side: "grantee" },
    ])
    .execute();
}

/** Changes the status on both copies; `from` guards against a decision racing another. */
export async function setAgreementStatus(
  trx: Db,
  a: { id: string; grantor_tenant_id: string; grantee_tenant_id: string },
  from: string[],
  to: "accepted" | "declined" | "revoked",
) {
  const r = await trx
    .updateTable("federation_agreements")
    .set({ status: to, updated_at: new Date() })
    .where("tenant_id", "in", [a.grantor_tenant_id, a.grantee_tenant_id])
    .where("id", "=", a.id)
    .where("status", "in", from as never[])
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export type AuditInput = {
  tenant_id: string;
  id: string;
  agreement_id: string | null;
  action: string;
  actor_platform: string;
  actor_name: string;
  detail: string;
};
export async function insertAudit(db: Db, rows: AuditInput[]) {
  if (rows.length) await db.insertInto("federation_audit").values(rows).execute();
}

export function listAudit(db: Db, tenantId: string, page: number, size: number) {
  return db
    .selectFrom("federation_audit")
    .select(["id", "agreement_id", "action", "actor_platform", "actor_name", "detail", "created_at", sql<string>`count(*) over ()`.as("total")])
    .where("tenant_id", "=", tenantId)
    .orderBy("id", "desc")
    .limit(size)
    .offset((page - 1) * size)
    .execute();
}

export function personName(db: Db, tenantId: string, userId: string) {
  return db.selectFrom("users").select(["username", "given_name", "family_name"]).where("tenant_id", "=", tenantId).where("id", "=", userId).executeTakeFirst();
}

/** The host platform's federated person standing for someone of another platform. */
export async function guestUserId(db: Db, hostTenantId: string, homeTenantId: string, homeUserId: string) {
  const r = await db
    .selectFrom("federation_people")
    .select("user_id")
    .where("tenant_id", "=", hostTenantId)
    .where("home_tenant_id", "=", homeTenantId)
    .where("home_user_id", "=", homeUserId)
    .executeTakeFirst();
  return r?.user_id;
}

/** A federated person: no password, no email, no organisation role, so nothing on the host platform but the courses they join. */
export async function insertGuest(
  trx: Db,
  hostTenantId: string,
  guest: { id: string; username: string; given_name: string; family_name: string; profile: "learner" | "teacher" },
  home: { tenantId: string; userId: string },
) {
  await trx
    .insertInto("users")
    .values({
      tenant_id: hostTenantId,
      id: guest.id,
      username: guest.username,
      email: null,
      given_name: guest.given_name,
      family_name: guest.family_name,
      profile: guest.profile,
      password_hash: null,
      locale: null,
      import_id: null,
    })
    .execute();
  await trx
    .insertInto("federation_people")
    .values({ tenant_id: hostTenantId, user_id: guest.id, home_tenant_id: home.tenantId, home_user_id: home.userId })
    .execute();
}

export function usernameTaken(db: Db, tenantId: string, username: string) {
  return db.selectFrom("users").select("id").where("tenant_id", "=", tenantId).where("username", "=", username).executeTakeFirst();
}

/** Published courses of the host among the granted ids (titles and summaries for the guest's catalogue). */
export function hostCourses(db: Db, hostTenantId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("courses")
    .select(["id", "title", "summary"])
    .where("tenant_id", "=", hostTenantId)
    .where("id", "in", ids)
    .where("status", "=", "published")
    .execute();
}

/** The host's catalogue for everyone: published courses on its root node (at most 200, by title). */
export function hostCatalogue(db: Db, hostTenantId: string, rootOrgId: string) {
  return db
    .selectFrom("courses")
    .select(["id", "title", "summary"])
    .where("tenant_id", "=", hostTenantId)
    .where("org_id", "=", rootOrgId)
    .where("status", "=", "published")
    .where("is_template", "=", false)
    .orderBy(sql`title collate "und-x-icu"`)
    .limit(200)
    .execute();
}

export async function hostItemTitle(db: Db, hostTenantId: string, courseId: string, itemId: string) {
  const r = await db
    .selectFrom("course_items")
    .select("title")
    .where("tenant_id", "=", hostTenantId)
    .where("course_id", "=", courseId)
    .where("id", "=", itemId)
    .executeTakeFirst();
  return r?.title;
}

/** Whether a host file belongs to this course: an item's file or captions, or a submission's or its feedback's file. */
export async function isHostCourseFile(db: Db, hostTenantId: string, courseId: string, fileId: string) {
  const r = await sql<{ found: boolean }>`select exists (
      select 1 from course_items i where i.tenant_id = ${hostTenantId} and i.course_id = ${courseId} and (i.file_id = ${fileId} or i.captions_file_id = ${fileId})
    ) or exists (
      select 1 from assignment_submissions s where s.tenant_id = ${hostTenantId} and s.course_id = ${courseId}
        and (s.file_ids @> ${JSON.stringify([fileId])}::jsonb or s.feedback_file_ids @> ${JSON.stringify([fileId])}::jsonb)
    ) as found`.execute(db);
  return !!r.rows[0]?.found;
}

/** Whether a file is one of a host course's items' (the file, a video's captions): what its learners may open. */
export async function isHostItemFile(db: Db, hostTenantId: string, courseId: string, fileId: string) {
  const r = await db
    .selectFrom("course_items")
    .select("id")
    .where("tenant_id", "=", hostTenantId)
    .where("course_id", "=", courseId)
    .where((eb) => eb.or([eb("file_id", "=", fileId), eb("captions_file_id", "=", fileId)]))
    .executeTakeFirst();
  return !!r;
}

/** The kind of a host course's item (a co-teacher edits pages only). */
export async function hostItemKind(db: Db, hostTenantId: string, courseId: string, itemId: string) {
  const r = await db
    .selectFrom("course_items")
    .select("kind")
    .where("tenant_id", "=", hostTenantId)
    .where("course_id", "=", courseId)
    .where("id", "=", itemId)
    .executeTakeFirst();
  return r?.kind;
}

export function myEnrolments(db: Db, tenantId: string, userId: string) {
  return db
    .selectFrom("federation_enrolments")
    .select(["course_id", "role", "agreement_id", "host_name", "course_title"])
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
}

export async function upsertEnrolment(
  db: Db,
  e: {
    tenant_id: string;
    user_id: string;
    course_id: string;
    role: "learner" | "teacher";
    agreement_id: string;
    host_tenant_id: string;
    host_name: string;
    course_title: string;
  },
) {
  await db
    .insertInto("federation_enrolments")
    .values(e)
    .onConflict((oc) => oc.columns(["tenant_id", "user_id", "course_id", "role"]).doUpdateSet({ agreement_id: e.agreement_id, course_title: e.course_title }))
    .execute();
}

/** The home platform's record of an item the person opened or completed; a completion is never erased by a later view. */
export async function recordItem(
  db: Db,
  r: { tenant_id: string; user_id: string; course_id: string; item_id: string; item_title: string; done_at: Date | null },
) {
  await db
    .insertInto("federation_records")
    .values(r)
    .onConflict((oc) =>
      oc.columns(["tenant_id", "user_id", "course_id", "item_id"]).doUpdateSet((eb) => ({
        item_title: eb.ref("excluded.item_title"),
        done_at: r.done_at ? eb.ref("excluded.done_at") : eb.ref("federation_records.done_at"),
      })),
    )
    .execute();
}

export function myRecords(db: Db, tenantId: string, userId: string) {
  return db
    .selectFrom("federation_records")
    .select(["course_id", "item_id", "item_title", "done_at"])
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .orderBy("item_title")
    .execute();
}

/** Guests of one home platform enrolled as learners in one host course, with their home ids and progress figures. */
export function guestsProgress(db: Db, hostTenantId: string, homeTenantId: string, courseId: string) {
  return db
    .selectFrom("course_members as m")
    .innerJoin("federation_people as f", (j) => j.onRef("f.tenant_id", "=", "m.tenant_id").onRef("f.user_id", "=", "m.user_id"))
    .select([
      "m.user_id",
      "f.home_user_id",
      "m.completed_at",
      sql<number>`(select count(*) from course_items i where i.tenant_id = m.tenant_id and i.course_id = m.course_id and i.completion <> 'none')`.as("items"),
      sql<number>`(select count(*) from item_progress p join course_items i on i.tenant_id = p.tenant_id and i.id = p.item_id
        where p.tenant_id = m.tenant_id and p.course_id = m.course_id and p.user_id = m.user_id and i.completion <> 'none'
        and (p.done_at is not null or (i.completion = 'viewed' and p.viewed_at is not null)))`.as("done"),
      sql<
        { item: string; score: number | null; max: number }[]
      >`(select coalesce(json_agg(json_build_object('item', gi.title, 'score', case when g.overridden then g.override_score else g.score end, 'max', gi.max_score) order by gi.position), '[]')
        from grades g join grade_items gi on gi.tenant_id = g.tenant_id and gi.id = g.grade_item_id
        where g.tenant_id = m.tenant_id and g.course_id = m.course_id and g.user_id = m.user_id and g.released and gi.released)`.as("grades"),
    ])
    .where("m.tenant_id", "=", hostTenantId)
    .where("m.course_id", "=", courseId)
    .where("m.role", "=", "learner")
    .where("f.home_tenant_id", "=", homeTenantId)
    .execute();
}

export function homePeople(db: Db, tenantId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("users").select(["id", "username", "given_name", "family_name"]).where("tenant_id", "=", tenantId).where("id", "in", ids).execute();
}

/** Every deployment operator with their name: read across platforms on purpose, names only. */
export function operators(db: Db) {
  return crossTenant(db as Kysely<DB>)
    .selectFrom("deployment_operators as d")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "d.tenant_id").onRef("u.id", "=", "d.user_id"))
    .select(["d.tenant_id", "d.user_id", "u.given_name", "u.family_name"])
    .orderBy(sql`u.family_name collate "und-x-icu"`)
    .execute();
}

const GRANT_COLUMNS = [
  "id",
  "operator_user_id",
  "operator_name",
  "expires_at",
  "revoked_at",
  "created_at",
  sql<boolean>`revoked_at is null and expires_at > now()`.as("active"),
] as const;

export function listGrants(db: Db, tenantId: string) {
  return db.selectFrom("support_grants").select(GRANT_COLUMNS).where("tenant_id", "=", tenantId).orderBy("id", "desc").execute();
}

export function getGrant(db: Db, tenantId: string, id: string) {
  return db.selectFrom("support_grants").select(GRANT_COLUMNS).where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

export async function insertGrant(
  db: Db,
  g: { tenant_id: string; id: string; operator_tenant_id: string; operator_user_id: string; operator_name: string; expires_at: Date; created_by: string },
) {
  await db.insertInto("support_grants").values(g).execute();
}

export async function revokeGrant(db: Db, tenantId: string, id: string) {
  await db
    .updateTable("support_grants")
    .set({ revoked_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
}

/**
 * The platforms that gave this operator a support grant in force. It looks across platforms by
 * the grantee on purpose: it is how the operator's reads learn which platforms opened to them.
 */
export function grantingTenants(db: Db, operatorTenantId: string, operatorUserId: string) {
  return crossTenant(db as Kysely<DB>)
    .selectFrom("support_grants")
    .select(["tenant_id", "id"])
    .where("operator_tenant_id", "=", operatorTenantId)
    .where("operator_user_id", "=", operatorUserId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .execute();
}
