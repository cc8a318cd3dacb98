import { type Kysely, sql } from "kysely";
import type { UserActor } from "../../../kernel/auth/actor.ts";
import type { DB } from "../../../kernel/db/schema.ts";
import { staffPaths } from "./access.ts";
import { childClassIds, diaryReaderPaths } from "./repo.ts";

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
  link_course_id: string | null;
  link_title: string | null;
  link_kind: string | null;
  created_at: Date;
  files: { id: string; name: string; size: number }[];
};

/** Entries with their class, subject and author: one statement, filtered by the caller. */
export const entryQuery = (db: Kysely<DB>, tenantId: string) =>
  db
    .selectFrom("school_diary_entries as e")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "e.tenant_id").onRef("o.id", "=", "e.class_id"))
    .innerJoin("school_subjects as s", (j) => j.onRef("s.tenant_id", "=", "e.tenant_id").onRef("s.id", "=", "e.subject_id"))
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "e.tenant_id").onRef("u.id", "=", "e.author_id"))
    // the course item or quiz (a quiz is a course item) the entry points at, for the pupil's link
    .leftJoin("course_items as ci", (j) => j.onRef("ci.tenant_id", "=", "e.tenant_id").on(sql<boolean>`ci.id = coalesce(e.quiz_id, e.course_item_id)`))
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
      "ci.course_id as link_course_id",
      "ci.title as link_title",
      "ci.kind as link_kind",
      "e.created_at",
      sql<{ id: string; name: string; size: number }[]>`(select coalesce(json_agg(json_build_object('id', f.id, 'name', f.name, 'size', f.size)
        order by array_position(e.file_ids, f.id)), '[]') from files f where f.tenant_id = e.tenant_id and f.id = any(e.file_ids))`.as("files"),
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
        eb.exists(diaryReaderPaths(db, t, actor.userId).where(sql<boolean>`o.path like ro.path || '%'`)),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

export type LinkableRow = { course_id: string; course_title: string; id: string; title: string; kind: string };

/**
 * What homework of a class may point at: the items of the courses that enrol the class (a node
 * rule on the class or a node above it), in course order. One statement.
 */
export async function linkableItems(db: Kysely<DB>, tenantId: string, classPath: string, itemId?: string): Promise<LinkableRow[]> {
  const r = await sql<LinkableRow>`
    select c.id as course_id, c.title as course_title, ci.id, ci.title, ci.kind
    from courses c
    join course_items ci on ci.tenant_id = c.tenant_id and ci.course_id = c.id
    join course_sections cs on cs.tenant_id = ci.tenant_id and cs.id = ci.section_id
    where c.tenant_id = ${tenantId} and c.status <> 'archived'
      and exists (select 1 from course_enrol_rules er join orgs ro on ro.tenant_id = er.tenant_id and ro.id = er.org_id
        where er.tenant_id = c.tenant_id and er.course_id = c.id and ${classPath} like ro.path || '%')
      ${itemId ? sql`and ci.id = ${itemId}` : sql``}
    order by c.title collate "und-x-icu", c.id, cs.position, ci.position`.execute(db);
  return r.rows;
}
