import { type Kysely, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import type { Lesson } from "../shared/contract.ts";

const byName = sql`collate "und-x-icu"`;

/** Lessons with their class, subject and teacher: one statement, filtered by the caller. */
export const lessonQuery = (db: Kysely<DB>, tenantId: string) =>
  db
    .selectFrom("attendance_lessons as l")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "l.tenant_id").onRef("o.id", "=", "l.class_id"))
    .innerJoin("school_subjects as s", (j) => j.onRef("s.tenant_id", "=", "l.tenant_id").onRef("s.id", "=", "l.subject_id"))
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "l.tenant_id").onRef("u.id", "=", "l.teacher_id"))
    .select([
      "l.id",
      "l.class_id",
      "o.name as class_name",
      "o.path as class_path",
      "l.subject_id",
      "s.code",
      "s.name as subject_name",
      "s.color",
      "s.archived_at as subject_archived",
      "l.teacher_id",
      "u.given_name",
      "u.family_name",
      "l.room",
      "l.weekday",
      sql<string>`to_char(l.starts_at, 'HH24:MI')`.as("starts_at"),
      sql<string>`to_char(l.ends_at, 'HH24:MI')`.as("ends_at"),
      "l.weeks",
      sql<string | null>`l.first_day::text`.as("first_day"),
      sql<string | null>`l.last_day::text`.as("last_day"),
    ])
    .where("l.tenant_id", "=", tenantId);

export type LessonRow = {
  id: string;
  class_id: string;
  class_name: string;
  class_path: string;
  subject_id: string;
  code: string;
  subject_name: string;
  color: string;
  subject_archived: Date | null;
  teacher_id: string;
  given_name: string;
  family_name: string;
  room: string | null;
  weekday: number;
  starts_at: string;
  ends_at: string;
  weeks: "all" | "A" | "B";
  first_day: string | null;
  last_day: string | null;
};

export const presentLesson = (l: LessonRow): Lesson => ({
  id: l.id,
  class: { id: l.class_id, name: l.class_name },
  subject: { id: l.subject_id, code: l.code, name: l.subject_name, color: l.color, archived: l.subject_archived !== null },
  teacher: { id: l.teacher_id, name: `${l.given_name} ${l.family_name}` },
  room: l.room,
  weekday: l.weekday,
  startsAt: l.starts_at,
  endsAt: l.ends_at,
  weeks: l.weeks,
  firstDay: l.first_day,
  lastDay: l.last_day,
});

export const slotOf = (l: LessonRow) => ({ weekday: l.weekday, weeks: l.weeks, firstDay: l.first_day, lastDay: l.last_day });

export function getLesson(db: Kysely<DB>, tenantId: string, id: string): Promise<LessonRow | undefined> {
  return lessonQuery(db, tenantId).where("l.id", "=", id).executeTakeFirst() as Promise<LessonRow | undefined>;
}

/** Lessons of some classes or of a teacher that may take place between two days. */
export function lessonsBetween(db: Kysely<DB>, tenantId: string, who: { classIds?: string[]; teacherId?: string }, from: string, to: string) {
  let q = lessonQuery(db, tenantId)
    .where((eb) => eb.or([eb("l.first_day", "is", null), eb("l.first_day", "<=", to)]))
    .where((eb) => eb.or([eb("l.last_day", "is", null), eb("l.last_day", ">=", from)]));
  if (who.classIds) q = q.where("l.class_id", "in", who.classIds);
  if (who.teacherId) q = q.where("l.teacher_id", "=", who.teacherId);
  return q.orderBy("l.starts_at").orderBy(sql`s.name ${byName}`).execute() as Promise<LessonRow[]>;
}

/** Rolls taken for these lessons between two days, with how many were absent and late: one statement. */
export async function rollsBetween(db: Kysely<DB>, tenantId: string, lessonIds: string[], from: string, to: string) {
  if (lessonIds.length === 0) return [];
  const r = await sql<{ lesson_id: string; day: string; taken_at: Date; absent: number; late: number }>`
    select r.lesson_id, r.day::text as day, r.taken_at,
      (select count(*)::int from attendance_marks m where m.tenant_id = r.tenant_id and m.lesson_id = r.lesson_id and m.day = r.day and m.status = 'absent') as absent,
      (select count(*)::int from attendance_marks m where m.tenant_id = r.tenant_id and m.lesson_id = r.lesson_id and m.day = r.day and m.status = 'late') as late
    from attendance_rolls r
    where r.tenant_id = ${tenantId} and r.lesson_id = any(${lessonIds}::uuid[]) and r.day between ${from}::date and ${to}::date`.execute(db);
  return r.rows;
}

/** Absences, lateness and exclusions with their pupil, lesson, class and subject, and the names of who acted. */
export const markQuery = (db: Kysely<DB>, tenantId: string) =>
  db
    .selectFrom("attendance_marks as m")
    .innerJoin("attendance_lessons as l", (j) => j.onRef("l.tenant_id", "=", "m.tenant_id").onRef("l.id", "=", "m.lesson_id"))
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "l.tenant_id").onRef("o.id", "=", "l.class_id"))
    .innerJoin("school_subjects as s", (j) => j.onRef("s.tenant_id", "=", "l.tenant_id").onRef("s.id", "=", "l.subject_id"))
    .innerJoin("users as p", (j) => j.onRef("p.tenant_id", "=", "m.tenant_id").onRef("p.id", "=", "m.pupil_id"))
    .innerJoin("users as rb", (j) => j.onRef("rb.tenant_id", "=", "m.tenant_id").onRef("rb.id", "=", "m.recorded_by"))
    .leftJoin("users as jb", (j) => j.onRef("jb.tenant_id", "=", "m.tenant_id").onRef("jb.id", "=", "m.justified_by"))
    .leftJoin("users as db", (j) => j.onRef("db.tenant_id", "=", "m.tenant_id").onRef("db.id", "=", "m.decided_by"))
    .select([
      "m.id",
      "m.pupil_id",
      sql<string>`p.given_name || ' ' || p.family_name`.as("pupil_name"),
      "l.class_id",
      "o.name as class_name",
      "o.path as class_path",
      sql<string>`m.day::text`.as("day"),
      sql<string>`to_char(l.starts_at, 'HH24:MI')`.as("starts_at"),
      sql<string>`to_char(l.ends_at, 'HH24:MI')`.as("ends_at"),
      "l.subject_id",
      "s.code",
      "s.name as subject_name",
      "s.color",
      "s.archived_at as subject_archived",
      "m.status",
      "m.late_minutes",
      sql<string>`rb.given_name || ' ' || rb.family_name`.as("recorded_by"),
      "m.recorded_at",
      "m.justification",
      "m.reason",
      "m.reason_note",
      "m.file_id",
      sql<string | null>`jb.given_name || ' ' || jb.family_name`.as("justified_by"),
      "m.justified_at",
      sql<string | null>`db.given_name || ' ' || db.family_name`.as("decided_by"),
      "m.decided_at",
      "m.decision_comment",
    ])
    .where("m.tenant_id", "=", tenantId);

export type MarkRow = Awaited<ReturnType<ReturnType<typeof markQuery>["executeTakeFirstOrThrow"]>>;

export const getMark = (db: Kysely<DB>, tenantId: string, id: string) => markQuery(db, tenantId).where("m.id", "=", id).executeTakeFirst();

/** Whether the actor is a parent of the pupil. */
export async function isGuardian(db: Kysely<DB>, tenantId: string, parentId: string, childId: string) {
  const g = await db
    .selectFrom("school_guardians")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("parent_id", "=", parentId)
    .where("child_id", "=", childId)
    .executeTakeFirst();
  return !!g;
}

/** The parents of some pupils. */
export function guardiansOf(db: Kysely<DB>, tenantId: string, childIds: string[]) {
  if (childIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("school_guardians").select(["parent_id", "child_id"]).where("tenant_id", "=", tenantId).where("child_id", "in", childIds).execute();
}
