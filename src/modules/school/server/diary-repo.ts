import { type Kysely, sql } from "kysely";
import type { UserActor } from "../../../kernel/auth/actor.ts";
import type { DB } from "../../../kernel/db/schema.ts";
import { staffPaths } from "./access.ts";
import { childClassIds } from "./repo.ts";

export type EntryRow = {
  id: string;
  class_id: string;
  class_name: string;
  class_path: string;
  subject_id: string;
  code: string;
  subject_name: string;
  color: string;
  subject_archived: Date | null;
  author_id: string;
  author_given: string;
  author_family: string;
  kind: "lesson" | "homework";
  day: string;
  due_date: string | null;
  title: string;
  content: unknown;
  content_html: string;
  file_ids: string[];
  workload_minutes: number | null;
  course_item_id: string | null;
  quiz_id: string | null;
};

/** Entries with their class, subject and author: one statement, filtered by the caller. */
export const entryQuery = (db: Kysely<DB>, tenantId: string) =>
  db
    .selectFrom("school_diary_entries as e")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "e.tenant_id").onRef("o.id", "=", "e.class_id"))
    .innerJoin("school_subjects as s", (j) => j.onRef("s.tenant_id", "=", "e.tenant_id").onRef("s.id", "=", "e.subject_id"))
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "e.tenant_id").onRef("u.id", "=", "e.author_id"))
    .select([
      "e.id",
      "e.class_id",
      "o.name as class_name",
      "o.path as class_path",
      "e.subject_id",
      "s.code",
      "s.name as subject_name",
      "s.color",
      "s.archived_at as subject_archived",
      "e.author_id",
      "u.given_name as author_given",
      "u.family_name as author_family",
      "e.kind",
      sql<string>`e.day::text`.as("day"),
      sql<string | null>`e.due_date::text`.as("due_date"),
      "e.title",
      "e.content",
      "e.content_html",
      "e.file_ids",
      "e.workload_minutes",
      "e.course_item_id",
      "e.quiz_id",
    ])
    .where("e.tenant_id", "=", tenantId);

/** Lessons given during the week and homework due during it. */
export const inWeek = (start: string) =>
  sql<boolean>`((e.kind = 'lesson' and e.day between ${start}::date and ${start}::date + 6)
    or (e.kind = 'homework' and e.due_date between ${start}::date and ${start}::date + 6))`;

export const orderEntries = sql`coalesce(e.due_date, e.day), s.name collate "und-x-icu", e.created_at`;

export async function classEntries(db: Kysely<DB>, tenantId: string, classId: string, start: string): Promise<EntryRow[]> {
  return (await entryQuery(db, tenantId).where("e.class_id", "=", classId).where(inWeek(start)).orderBy(orderEntries).execute()) as EntryRow[];
}

/**
 * The actor's week in one statement: entries of the classes they learn in, of their children's
 * classes, of the classes and subjects they teach, and their own.
 */
export async function myEntries(db: Kysely<DB>, actor: UserActor, start: string): Promise<EntryRow[]> {
  const t = actor.tenant.id;
  const learnerOrgs = actor.grants.filter((g) => g.role === "learner").map((g) => g.orgId);
  return (await entryQuery(db, t)
    .where(inWeek(start))
    .where((eb) =>
      eb.or([
        eb("e.author_id", "=", actor.userId),
        ...(learnerOrgs.length ? [eb("e.class_id", "in", learnerOrgs)] : []),
        ...(actor.profile === "parent" ? [eb("e.class_id", "in", childClassIds(db, t, actor.userId))] : []),
        eb.exists(
          eb
            .selectFrom("school_teachings as t")
            .select("t.id")
            .whereRef("t.tenant_id", "=", "e.tenant_id")
            .whereRef("t.class_id", "=", "e.class_id")
            .whereRef("t.subject_id", "=", "e.subject_id")
            .where("t.teacher_id", "=", actor.userId),
        ),
      ]),
    )
    .orderBy(orderEntries)
    .execute()) as EntryRow[];
}

export function getEntry(db: Kysely<DB>, tenantId: string, id: string): Promise<EntryRow | undefined> {
  return entryQuery(db, tenantId).where("e.id", "=", id).executeTakeFirst() as Promise<EntryRow | undefined>;
}

/** Who may read a file attached to an entry: anyone who sees the entry's class (one statement). */
export async function fileInVisibleEntry(db: Kysely<DB>, actor: UserActor, fileId: string) {
  const t = actor.tenant.id;
  const own = actor.grants.map((g) => g.orgId);
  const paths = staffPaths(actor);
  const r = await db
    .selectFrom("school_diary_entries as e")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "e.tenant_id").onRef("o.id", "=", "e.class_id"))
    .select("e.id")
    .where("e.tenant_id", "=", t)
    .where(sql<boolean>`${fileId}::uuid = any(e.file_ids)`)
    .where((eb) =>
      eb.or([
        ...(own.length ? [eb("e.class_id", "in", own)] : []),
        ...paths.map((p) => eb("o.path", "like", `${p}%`)),
        ...actor.grants.filter((g) => g.role === "teacher").map((g) => eb("o.path", "like", `${g.path}%`)),
        eb("e.class_id", "in", childClassIds(db, t, actor.userId)),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return !!r;
}
