import { type Kysely, sql } from "kysely";
import { crossTenant } from "../../../kernel/db/database.ts";
import type { DB, LibraryLevel } from "../../../kernel/db/schema.ts";

/**
 * Kysely only. Entries and versions are deployment-wide (no tenant); a platform's settings,
 * imports and origins are its own and every query on them names its tenant. Reading across
 * platforms (a publisher's name, usage counts) goes through `crossTenant` and returns names and
 * counts only.
 */
type Db = Kysely<DB>;

export type EntryRow = {
  id: string;
  publisher_tenant_id: string;
  source_course_id: string;
  title: string;
  description: string;
  language: string;
  level: LibraryLevel;
  licence: string;
  subjects: string[];
  latest_version: number;
  withdrawn_at: Date | null;
  updated_at: Date;
  publisher: string;
  imports: number;
  platforms: number;
};

/** Entries with their publisher's name and usage counts; the caller adds filters. */
function entries(db: Db) {
  return crossTenant(db)
    .selectFrom("library_entries as e")
    .innerJoin("tenants as t", "t.id", "e.publisher_tenant_id")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "t.id").onRef("o.id", "=", "t.root_org_id"))
    .select([
      "e.id",
      "e.publisher_tenant_id",
      "e.source_course_id",
      "e.title",
      "e.description",
      "e.language",
      "e.level",
      "e.licence",
      "e.subjects",
      "e.latest_version",
      "e.withdrawn_at",
      "e.updated_at",
      "o.name as publisher",
    ])
    .select((eb) => [
      eb.selectFrom("library_imports as i").select(sql<number>`count(*)::int`.as("n")).whereRef("i.entry_id", "=", "e.id").as("imports"),
      eb.selectFrom("library_imports as i").select(sql<number>`count(distinct i.tenant_id)::int`.as("n")).whereRef("i.entry_id", "=", "e.id").as("platforms"),
    ]);
}

/**
 * The library is shared within a network of platforms (a head platform and those under it, see
 * the platforms module): an entry is seen from a platform whose network's head is its publisher's.
 */
const networkHead = (tenantRef: ReturnType<typeof sql>) => sql`coalesce((select nt.parent_id from tenants nt where nt.id = ${tenantRef}), ${tenantRef})`;
const inNetworkOf = (tid: string) => sql<boolean>`${networkHead(sql.ref("e.publisher_tenant_id"))} = ${networkHead(sql`${tid}::uuid`)}`;

export type BrowseFilter = { tenantId: string; q?: string; language?: string; level?: LibraryLevel; licence?: string; subject?: string; limit: number; offset: number };

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page of the live entries with the total: one query. */
export async function browsePage(db: Db, f: BrowseFilter) {
  const like = f.q ? `%${likeEscape(f.q)}%` : null;
  return entries(db)
    .select(sql<number>`count(*) over ()`.as("total"))
    .where("e.withdrawn_at", "is", null)
    .where(inNetworkOf(f.tenantId))
    .$if(!!like, (q) =>
      q.where((eb) => eb.or([eb("e.title", "ilike", like!), eb("e.description", "ilike", like!), eb(sql`array_to_string(e.subjects, ' ')`, "ilike", like!)])),
    )
    .$if(!!f.language, (q) => q.where("e.language", "=", f.language!))
    .$if(!!f.level, (q) => q.where("e.level", "=", f.level!))
    .$if(!!f.licence, (q) => q.where("e.licence", "=", f.licence!))
    .$if(!!f.subject, (q) => q.where(sql<boolean>`e.subjects @> array[${f.subject!}]::text[]`))
    .orderBy("e.updated_at", "desc")
    .orderBy("e.id")
    .limit(f.limit)
    .offset(f.offset)
    .execute() as Promise<(EntryRow & { total: number })[]>;
}

/** Subjects and languages in use in the platform's network, for the filters: one query. */
export async function facets(db: Db, tid: string) {
  const r = await sql<{ subjects: string[] | null; languages: string[] | null }>`
    select (select array_agg(distinct s order by s) from library_entries e, unnest(e.subjects) s where e.withdrawn_at is null and ${inNetworkOf(tid)}) as subjects,
      (select array_agg(distinct e.language order by e.language) from library_entries e where e.withdrawn_at is null and ${inNetworkOf(tid)}) as languages`.execute(db);
  return { subjects: r.rows[0]?.subjects ?? [], languages: r.rows[0]?.languages ?? [] };
}

/** An entry; with `tid`, only if it is shared in that platform's network. */
export async function entryById(db: Db, id: string, tid?: string) {
  return (await entries(db)
    .where("e.id", "=", id)
    .$if(!!tid, (q) => q.where(inNetworkOf(tid!)))
    .executeTakeFirst()) as EntryRow | undefined;
}

export async function entryOfCourse(db: Db, tid: string, courseId: string) {
  return (await entries(db).where("e.publisher_tenant_id", "=", tid).where("e.source_course_id", "=", courseId).executeTakeFirst()) as EntryRow | undefined;
}

export async function versionsOf(db: Db, entryId: string) {
  return db
    .selectFrom("library_versions")
    .select(["number", "change_notes", "sections", "items", "published_by_name", "published_at"])
    .where("entry_id", "=", entryId)
    .orderBy("number", "desc")
    .execute();
}

export async function versionContent(db: Db, entryId: string, n: number) {
  const r = await db.selectFrom("library_versions").select("content").where("entry_id", "=", entryId).where("number", "=", n).executeTakeFirst();
  return r?.content as import("./snapshot.ts").Snapshot | undefined;
}

/** Imports of an entry per platform (names and counts only). */
export async function usageOf(db: Db, entryId: string) {
  return crossTenant(db)
    .selectFrom("library_imports as i")
    .innerJoin("tenants as t", "t.id", "i.tenant_id")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "t.id").onRef("o.id", "=", "t.root_org_id"))
    .select(["o.name as platform", sql<number>`count(*)::int`.as("imports")])
    .where("i.entry_id", "=", entryId)
    .groupBy(["t.id", "o.name"])
    .orderBy(sql`o.name collate "und-x-icu"`)
    .execute();
}

export async function teachersMayPublish(db: Db, tid: string) {
  const r = await db.selectFrom("library_settings").select("teachers_may_publish").where("tenant_id", "=", tid).executeTakeFirst();
  return r?.teachers_may_publish ?? false;
}

export async function saveSettings(db: Db, tid: string, teachersMay: boolean) {
  await db
    .insertInto("library_settings")
    .values({ tenant_id: tid, teachers_may_publish: teachersMay })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ teachers_may_publish: teachersMay }))
    .execute();
}

export type ImportRowDb = {
  course_id: string;
  course_title: string;
  entry_id: string;
  entry_title: string;
  linked: boolean;
  version: number;
  latest_version: number;
  withdrawn_at: Date | null;
  imported_at: Date;
};

/** The platform's courses made from the library, those the person edits (or all under `adminPaths`): one query. */
export async function importsOf(db: Db, tid: string, userId: string, adminPaths: string[], courseId?: string) {
  return db
    .selectFrom("library_imports as i")
    .innerJoin("library_entries as e", "e.id", "i.entry_id")
    .innerJoin("courses as c", (j) => j.onRef("c.tenant_id", "=", "i.tenant_id").onRef("c.id", "=", "i.course_id"))
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "c.tenant_id").onRef("o.id", "=", "c.org_id"))
    .select([
      "i.course_id",
      "c.title as course_title",
      "i.entry_id",
      "e.title as entry_title",
      "i.linked",
      "i.version",
      "e.latest_version",
      "e.withdrawn_at",
      "i.imported_at",
    ])
    .where("i.tenant_id", "=", tid)
    .$if(!!courseId, (q) => q.where("i.course_id", "=", courseId!))
    .where((eb) =>
      eb.or([
        ...adminPaths.map((p) => eb("o.path", "like", `${p}%`)),
        eb.exists(
          eb
            .selectFrom("course_members as m")
            .select(sql`1`.as("one"))
            .whereRef("m.tenant_id", "=", "c.tenant_id")
            .whereRef("m.course_id", "=", "c.id")
            .where("m.user_id", "=", userId)
            .where("m.status", "=", "active")
            .where("m.role", "in", ["manager", "teacher"]),
        ),
      ]),
    )
    .orderBy(sql`c.title collate "und-x-icu"`)
    .limit(500)
    .execute() as Promise<ImportRowDb[]>;
}

export async function originsOf(db: Db, tid: string, courseId: string) {
  return db.selectFrom("library_origins").select(["key", "kind", "local_id", "hash"]).where("tenant_id", "=", tid).where("course_id", "=", courseId).execute();
}
