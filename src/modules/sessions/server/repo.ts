import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { CourseSessionsTable, DB, RegistrationStatus } from "../../../kernel/db/schema.ts";
import { notFound } from "../../../kernel/errors.ts";

export type SessionRow = Selectable<CourseSessionsTable>;
export type Db = Kysely<DB> | Transaction<DB>;

/** A session with its seat counts and the given person's registration (one query). */
export function sessionsQuery(db: Db, tenantId: string, userId: string) {
  return db
    .selectFrom("course_sessions as s")
    .leftJoin("session_registrations as me", (j) =>
      j.onRef("me.tenant_id", "=", "s.tenant_id").onRef("me.session_id", "=", "s.id").on("me.user_id", "=", userId),
    )
    .selectAll("s")
    .select([
      "me.id as me_id",
      "me.status as me_status",
      sql<number>`(select count(*) from session_registrations r where r.tenant_id = s.tenant_id and r.session_id = s.id and r.status = 'approved')`.as("taken"),
      sql<number>`(select count(*) from session_registrations r where r.tenant_id = s.tenant_id and r.session_id = s.id and r.status = 'waiting')`.as(
        "waiting",
      ),
      sql<number>`(select count(*) from session_registrations r where r.tenant_id = s.tenant_id and r.session_id = s.id and r.status = 'pending')`.as(
        "pending",
      ),
      sql<
        number | null
      >`case when me.status = 'waiting' then (select count(*) from session_registrations w where w.tenant_id = s.tenant_id and w.session_id = s.id and w.status = 'waiting' and (w.queued_at, w.id) <= (me.queued_at, me.id)) end`.as(
        "me_position",
      ),
    ])
    .where("s.tenant_id", "=", tenantId);
}
export type SessionWithCounts = Awaited<ReturnType<ReturnType<typeof sessionsQuery>["executeTakeFirstOrThrow"]>>;

export const listCourseSessions = (db: Db, tenantId: string, courseId: string, userId: string) =>
  sessionsQuery(db, tenantId, userId).where("s.course_id", "=", courseId).orderBy("s.starts_at").orderBy("s.id").execute();

export const findCourseSession = (db: Db, tenantId: string, courseId: string, sessionId: string, userId: string) =>
  sessionsQuery(db, tenantId, userId).where("s.course_id", "=", courseId).where("s.id", "=", sessionId).executeTakeFirst();

export async function insertSession(db: Db, tenantId: string, row: Omit<SessionRow, "tenant_id" | "created_at" | "updated_at">) {
  await db
    .insertInto("course_sessions")
    .values({ ...row, tenant_id: tenantId })
    .execute();
}

export async function updateSessionRow(db: Db, tenantId: string, id: string, patch: Partial<Omit<SessionRow, "tenant_id" | "id" | "course_id">>) {
  await db
    .updateTable("course_sessions")
    .set({ ...patch, updated_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}

export async function deleteSessionRow(db: Db, tenantId: string, id: string) {
  await db.deleteFrom("course_sessions").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

/**
 * Runs fn in a short transaction holding the session's row lock: every change of seats
 * (registration, withdrawal, decision, more seats) for one session happens one at a time, so
 * two people never get the last seat (PostgreSQL row lock; PGlite runs one transaction at a time).
 */
export function withSessionLock<T>(
  db: Kysely<DB>,
  tenantId: string,
  courseId: string,
  sessionId: string,
  fn: (trx: Transaction<DB>, s: SessionRow) => Promise<T>,
) {
  return db.transaction().execute(async (trx) => {
    const s = await trx
      .selectFrom("course_sessions")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("course_id", "=", courseId)
      .where("id", "=", sessionId)
      .forUpdate()
      .executeTakeFirst();
    if (!s) throw notFound();
    return fn(trx, s);
  });
}

export const findRegistration = (db: Db, tenantId: string, sessionId: string, userId: string) =>
  db
    .selectFrom("session_registrations")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("session_id", "=", sessionId)
    .where("user_id", "=", userId)
    .executeTakeFirst();

export const findRegistrationById = (db: Db, tenantId: string, sessionId: string, id: string) =>
  db
    .selectFrom("session_registrations")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("session_id", "=", sessionId)
    .where("id", "=", id)
    .executeTakeFirst();

export async function countApproved(db: Db, tenantId: string, sessionId: string) {
  const r = await db
    .selectFrom("session_registrations")
    .select((e) => e.fn.countAll<number>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("session_id", "=", sessionId)
    .where("status", "=", "approved")
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertRegistration(
  db: Db,
  tenantId: string,
  row: { id: string; session_id: string; course_id: string; user_id: string; status: RegistrationStatus },
) {
  await db
    .insertInto("session_registrations")
    .values({ ...row, tenant_id: tenantId })
    .execute();
}

export async function setRegistrationStatus(db: Db, tenantId: string, id: string, status: RegistrationStatus, decidedBy?: string) {
  await db
    .updateTable("session_registrations")
    .set({
      status,
      updated_at: new Date(),
      ...(status === "waiting" && { queued_at: new Date() }),
      ...(decidedBy && { decided_by: decidedBy, decided_at: new Date() }),
    })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .execute();
}

export async function deleteRegistration(db: Db, tenantId: string, id: string) {
  await db.deleteFrom("session_registrations").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

/** People holding a seat. */
/** Who is told when the session is cancelled: everyone holding, waiting for or asking for a seat. */
export const activeRegistrations = (db: Db, tenantId: string, sessionId: string) =>
  db
    .selectFrom("session_registrations")
    .select(["user_id", "status"])
    .where("tenant_id", "=", tenantId)
    .where("session_id", "=", sessionId)
    .where("status", "in", ["approved", "waiting", "pending"])
    .execute();

export const approvedUserIds = async (db: Db, tenantId: string, sessionId: string) =>
  (
    await db
      .selectFrom("session_registrations")
      .select("user_id")
      .where("tenant_id", "=", tenantId)
      .where("session_id", "=", sessionId)
      .where("status", "=", "approved")
      .execute()
  ).map((r) => r.user_id);

/** A session moved in time: its reminders are due again. */
export async function clearReminders(db: Db, tenantId: string, sessionId: string) {
  await db.updateTable("session_registrations").set({ reminder_sent_at: null }).where("tenant_id", "=", tenantId).where("session_id", "=", sessionId).execute();
}

/** Moves the first `free` people of the waiting list onto seats (one statement); returns who moved. */
export async function promoteWaiting(db: Db, tenantId: string, sessionId: string, free: number) {
  if (free <= 0) return [];
  return db
    .updateTable("session_registrations")
    .set({ status: "approved", updated_at: new Date() })
    .where("tenant_id", "=", tenantId)
    .where("id", "in", (eb) =>
      eb
        .selectFrom("session_registrations")
        .select("id")
        .where("tenant_id", "=", tenantId)
        .where("session_id", "=", sessionId)
        .where("status", "=", "waiting")
        .orderBy("queued_at")
        .orderBy("id")
        .limit(free),
    )
    .returning(["id", "user_id"])
    .execute();
}

/** Everyone with a registration, waiting-list positions and attendance (one query). */
export const listRegistrationRows = (db: Db, tenantId: string, sessionId: string) =>
  db
    .selectFrom("session_registrations as r")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "r.tenant_id").onRef("u.id", "=", "r.user_id"))
    .leftJoin("session_attendance as a", (j) =>
      j.onRef("a.tenant_id", "=", "r.tenant_id").onRef("a.session_id", "=", "r.session_id").onRef("a.user_id", "=", "r.user_id"),
    )
    .select([
      "r.id",
      "r.user_id",
      "r.status",
      "r.queued_at",
      "u.given_name",
      "u.family_name",
      "u.email",
      "a.status as a_status",
      "a.signature as a_signature",
      "a.signed_on_paper as a_signed_on_paper",
      "a.taken_at as a_taken_at",
      sql<number | null>`case when r.status = 'waiting' then row_number() over (partition by r.status order by r.queued_at, r.id) end`.as("position"),
    ])
    .where("r.tenant_id", "=", tenantId)
    .where("r.session_id", "=", sessionId)
    .orderBy(sql`case r.status when 'approved' then 0 when 'pending' then 1 when 'waiting' then 2 else 3 end`)
    .orderBy(sql`u.family_name collate "und-x-icu"`)
    .orderBy(sql`u.given_name collate "und-x-icu"`)
    .orderBy("r.queued_at")
    .execute();
export type RegistrationRow = Awaited<ReturnType<typeof listRegistrationRows>>[number];

export async function upsertAttendance(
  db: Db,
  tenantId: string,
  row: { session_id: string; user_id: string; status: "present" | "absent" | "excused"; signature: string | null; signed_on_paper: boolean; taken_by: string },
) {
  const prev = await db
    .selectFrom("session_attendance")
    .select("status")
    .where("tenant_id", "=", tenantId)
    .where("session_id", "=", row.session_id)
    .where("user_id", "=", row.user_id)
    .executeTakeFirst();
  await db
    .insertInto("session_attendance")
    .values({ ...row, tenant_id: tenantId })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "session_id", "user_id"]).doUpdateSet({
        status: row.status,
        signature: row.signature,
        signed_on_paper: row.signed_on_paper,
        taken_by: row.taken_by,
        taken_at: new Date(),
      }),
    )
    .execute();
  return prev?.status ?? null;
}

/** People to mail: address, names and language. */
export const findPeople = (db: Db, tenantId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom("users").select(["id", "email", "given_name", "family_name", "locale"]).where("tenant_id", "=", tenantId).where("id", "in", ids).execute();

export const findCourseTitle = (db: Db, tenantId: string, courseId: string) =>
  db
    .selectFrom("courses as c")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "c.tenant_id").onRef("o.id", "=", "c.org_id"))
    .select(["c.title", "o.path as org_path"])
    .where("c.tenant_id", "=", tenantId)
    .where("c.id", "=", courseId)
    .executeTakeFirst();

export const isActiveLearner = async (db: Db, tenantId: string, courseId: string, userId: string) =>
  !!(await db
    .selectFrom("course_members")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .where("user_id", "=", userId)
    .where("role", "=", "learner")
    .where("status", "=", "active")
    .executeTakeFirst());
