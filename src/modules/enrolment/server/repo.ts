import { type Kysely, type Selectable, sql } from "kysely";
import type { CourseMembersTable, CourseRole, DB } from "../../../kernel/db/schema.ts";
import { newId } from "../../../kernel/ids.ts";
import type { ItemLite, ProgressLite } from "./completion.ts";

export type MemberRow = Selectable<CourseMembersTable>;
type Db = Kysely<DB>;

/** Items of courses in course order (section position, then item position). */
export async function itemsOf(db: Db, tenantId: string, courseIds: string[]): Promise<(ItemLite & { course_id: string })[]> {
  if (courseIds.length === 0) return [];
  return db
    .selectFrom("course_items as i")
    .innerJoin("course_sections as s", (j) => j.onRef("s.tenant_id", "=", "i.tenant_id").onRef("s.id", "=", "i.section_id"))
    .select(["i.id", "i.course_id", "i.title", "i.kind", "i.completion", "i.condition"])
    .where("i.tenant_id", "=", tenantId)
    .where("i.course_id", "in", courseIds)
    .orderBy("i.course_id")
    .orderBy("s.position")
    .orderBy("i.position")
    .execute();
}

export function progressOfUser(db: Db, tenantId: string, userId: string, courseIds: string[]): Promise<(ProgressLite & { course_id: string })[]> {
  if (courseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("item_progress")
    .select(["item_id", "course_id", "viewed_at", "done_at"])
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .where("course_id", "in", courseIds)
    .execute();
}

export function findMember(db: Db, tenantId: string, courseId: string, userId: string, role: CourseRole = "learner") {
  return db
    .selectFrom("course_members")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .where("user_id", "=", userId)
    .where("role", "=", role)
    .executeTakeFirst();
}

export function getMember(db: Db, tenantId: string, courseId: string, id: string) {
  return db
    .selectFrom("course_members")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function countActiveLearners(db: Db, tenantId: string, courseId: string) {
  const r = await db
    .selectFrom("course_members")
    .select((e) => e.fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .where("role", "=", "learner")
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export type Enrol = {
  userId: string;
  role: CourseRole;
  status: "active" | "pending";
  source: MemberRow["source"];
  sourceOrgId?: string | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
};

/**
 * Enrols (or re-enrols: the row and the progress are kept) one person, in one statement. With a
 * capacity, an active learner is only written while the course has a seat left; returns false
 * when it was full. An active membership is never turned back into a pending one.
 */
export async function upsertMember(db: Db, tenantId: string, courseId: string, e: Enrol, capacity: number | null = null): Promise<boolean> {
  const seatCheck =
    capacity !== null && e.role === "learner" && e.status === "active"
      ? sql`where (select count(*) from course_members c where c.tenant_id = ${tenantId} and c.course_id = ${courseId}
          and c.role = 'learner' and c.status = 'active' and c.user_id <> ${e.userId}) < ${capacity}`
      : sql``;
  const r = await sql`
    insert into course_members (tenant_id, id, course_id, user_id, role, status, source, source_org_id, starts_at, ends_at)
    select ${tenantId}, ${newId()}, ${courseId}, ${e.userId}, ${e.role}, ${e.status}, ${e.source}, ${e.sourceOrgId ?? null}, ${e.startsAt ?? null}::timestamptz, ${e.endsAt ?? null}::timestamptz
    ${seatCheck}
    on conflict (tenant_id, course_id, user_id, role) do update set
      status = case when course_members.status = 'active' then 'active' else excluded.status end,
      source = case when course_members.status = 'active' then course_members.source else excluded.source end,
      source_org_id = case when course_members.status = 'active' then course_members.source_org_id else excluded.source_org_id end,
      starts_at = coalesce(excluded.starts_at, course_members.starts_at),
      ends_at = coalesce(excluded.ends_at, course_members.ends_at),
      updated_at = now()`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

export async function setMemberStatus(db: Db, tenantId: string, id: string, status: MemberRow["status"]) {
  return db
    .updateTable("course_members")
    .set({ status, updated_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Learners of a course on a page, with their names, and the counts per status. */
export async function listMembers(db: Db, tenantId: string, courseId: string, status: MemberRow["status"], page: number, pageSize: number) {
  const [rows, counts] = await Promise.all([
    db
      .selectFrom("course_members as m")
      .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "m.tenant_id").onRef("u.id", "=", "m.user_id"))
      .selectAll("m")
      .select(["u.username", "u.given_name", "u.family_name", sql<string>`count(*) over ()`.as("total")])
      .where("m.tenant_id", "=", tenantId)
      .where("m.course_id", "=", courseId)
      .where("m.status", "=", status)
      .orderBy(sql`m.role = 'learner'`)
      .orderBy(sql`u.family_name collate "und-x-icu"`)
      .orderBy(sql`u.given_name collate "und-x-icu"`)
      .orderBy("m.id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom("course_members")
      .select(["status", (e) => e.fn.countAll<string>().as("n")])
      .where("tenant_id", "=", tenantId)
      .where("course_id", "=", courseId)
      .groupBy("status")
      .execute(),
  ]);
  return { rows, counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Record<string, number> };
}

/** Active teachers and managers of a course who have an email (to tell them of a request). */
export function teachersOf(db: Db, tenantId: string, courseId: string) {
  return db
    .selectFrom("course_members as m")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "m.tenant_id").onRef("u.id", "=", "m.user_id"))
    .select(["u.id", "u.email", "u.given_name", "u.locale"])
    .distinct()
    .where("m.tenant_id", "=", tenantId)
    .where("m.course_id", "=", courseId)
    .where("m.role", "in", ["manager", "teacher"])
    .where("m.status", "=", "active")
    .where("u.email", "is not", null)
    .where("u.status", "=", "active")
    .execute();
}

export function userById(db: Db, tenantId: string, id: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "given_name", "family_name", "locale", "username"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** People placed at or under a node (any role), active, by name. */
export function peopleUnder(db: Db, tenantId: string, path: string, courseId: string, q: string, limit = 20) {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom("users as u")
    .select(["u.id", "u.username", "u.given_name", "u.family_name"])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("course_members as m")
            .select("m.id")
            .whereRef("m.tenant_id", "=", "u.tenant_id")
            .whereRef("m.user_id", "=", "u.id")
            .where("m.course_id", "=", courseId)
            .where("m.status", "=", "active"),
        )
        .as("enrolled"),
    )
    .where("u.tenant_id", "=", tenantId)
    .where("u.status", "=", "active")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("role_assignments as r")
          .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "r.tenant_id").onRef("o.id", "=", "r.org_id"))
          .select("r.id")
          .whereRef("r.tenant_id", "=", "u.tenant_id")
          .whereRef("r.user_id", "=", "u.id")
          .where("o.path", "like", `${path}%`),
      ),
    )
    .$if(q !== "", (qb) =>
      qb.where((eb) =>
        eb.or([
          eb("u.username", "ilike", like),
          eb("u.given_name", "ilike", like),
          eb("u.family_name", "ilike", like),
          eb(sql`u.given_name || ' ' || u.family_name`, "ilike", like),
          eb("u.email", "ilike", like),
        ]),
      ),
    )
    .orderBy(sql`u.family_name collate "und-x-icu"`)
    .orderBy(sql`u.given_name collate "und-x-icu"`)
    .limit(limit)
    .execute();
}

/** Of these user ids, those placed at or under a node (a teacher only enrols people of the course's branch). */
export async function usersUnder(db: Db, tenantId: string, path: string, userIds: string[]) {
  if (userIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom("role_assignments as r")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "r.tenant_id").onRef("o.id", "=", "r.org_id"))
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "r.tenant_id").onRef("u.id", "=", "r.user_id"))
    .select("r.user_id")
    .distinct()
    .where("r.tenant_id", "=", tenantId)
    .where("r.user_id", "in", userIds)
    .where("o.path", "like", `${path}%`)
    .where("u.status", "=", "active")
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export function markCourseCompleted(db: Db, tenantId: string, courseId: string, userId: string) {
  return db
    .updateTable("course_members")
    .set({ completed_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .where("user_id", "=", userId)
    .where("role", "=", "learner")
    .where("completed_at", "is", null)
    .returning("id")
    .executeTakeFirst();
}
