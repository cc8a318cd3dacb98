import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { CourseItemsTable, CourseMembersTable, CourseRole, CoursesTable, CourseSectionsTable, DB } from "../../../kernel/db/schema.ts";
import type { PartnerReach } from "../../../kernel/auth/actor.ts";
import { forgetCatalogueLanguages } from "./search.ts";

/** Kysely only; every query is scoped by tenant. */
type Tid = string;

export type ItemRow = Selectable<CourseItemsTable>;
export type SectionRow = Selectable<CourseSectionsTable>;

// ---- courses ----
export async function insertCourse(db: Kysely<DB>, tid: Tid, row: Omit<Insertable<CoursesTable>, "tenant_id">) {
  forgetCatalogueLanguages(tid);
  return db
    .insertInto("courses")
    .values({ ...row, tenant_id: tid })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateCourseRow(db: Kysely<DB>, tid: Tid, id: string, patch: Updateable<CoursesTable>) {
  forgetCatalogueLanguages(tid);
  return db
    .updateTable("courses")
    .set({ ...patch, updated_at: new Date() })
    .where("tenant_id", "=", tid)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- members ----
export async function insertMember(db: Kysely<DB>, tid: Tid, row: Omit<Insertable<CourseMembersTable>, "tenant_id">) {
  return db
    .insertInto("course_members")
    .values({ ...row, tenant_id: tid })
    .onConflict((oc) => oc.columns(["tenant_id", "course_id", "user_id", "role"]).doUpdateSet({ status: "active", updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listMembers(db: Kysely<DB>, tid: Tid, courseId: string, f: { roles?: CourseRole[]; status: "active" | "pending" | "unenrolled"; userId?: string }) {
  return db
    .selectFrom("course_members as m")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "m.tenant_id").onRef("u.id", "=", "m.user_id"))
    .select(["m.id", "m.user_id", "m.role", "m.status", "m.source", "u.given_name", "u.family_name", "u.username"])
    .where("m.tenant_id", "=", tid)
    .where("m.course_id", "=", courseId)
    .where("m.status", "=", f.status)
    .$if(!!f.roles, (q) => q.where("m.role", "in", f.roles!))
    .$if(!!f.userId, (q) => q.where("m.user_id", "=", f.userId!))
    .orderBy(sql`array_position(array['manager','teacher','assistant','observer','learner']::text[], m.role)`)
    .orderBy(sql`u.family_name collate "und-x-icu"`)
    .orderBy(sql`u.given_name collate "und-x-icu"`)
    .orderBy("m.id")
    .limit(5000)
    .execute();
}

export async function getMember(db: Kysely<DB>, tid: Tid, courseId: string, memberId: string) {
  return db.selectFrom("course_members").selectAll().where("tenant_id", "=", tid).where("course_id", "=", courseId).where("id", "=", memberId).executeTakeFirst();
}

export async function deleteMember(db: Kysely<DB>, tid: Tid, memberId: string) {
  await db.deleteFrom("course_members").where("tenant_id", "=", tid).where("id", "=", memberId).execute();
}

export async function countActive(db: Kysely<DB>, tid: Tid, courseId: string, role: CourseRole) {
  const r = await db
    .selectFrom("course_members")
    .select((e) => e.fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tid)
    .where("course_id", "=", courseId)
    .where("role", "=", role)
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- ordered lists: sections in a course, items in a section; positions are dense (0, 1, 2, …) ----
type OrderedList = { table: "course_sections"; parent: "course_id" } | { table: "course_items"; parent: "section_id" };
const sectionsOfCourse: OrderedList = { table: "course_sections", parent: "course_id" };
const itemsOfSection: OrderedList = { table: "course_items", parent: "section_id" };

/** The position after the end of a list, as a subquery of the insert: the number of rows already there. */
function endOf(tid: Tid, list: OrderedList, parentId: string) {
  return sql<number>`(select count(*)::int from ${sql.table(list.table)} where tenant_id = ${tid} and ${sql.ref(list.parent)} = ${parentId})`;
}

/** Deletes a row of a list and moves the rows after it up one place. */
async function deleteAndCloseGap(db: Kysely<DB>, tid: Tid, list: OrderedList, parentId: string, row: { id: string; position: number }) {
  const table = sql.table(list.table);
  await db.transaction().execute(async (tx) => {
    await sql`delete from ${table} where tenant_id = ${tid} and id = ${row.id}`.execute(tx);
    await sql`update ${table} set position = position - 1 where tenant_id = ${tid} and ${sql.ref(list.parent)} = ${parentId} and position > ${row.position}`.execute(tx);
  });
}

// ---- sections ----
export async function listSections(db: Kysely<DB>, tid: Tid, courseId: string) {
  return db.selectFrom("course_sections").selectAll().where("tenant_id", "=", tid).where("course_id", "=", courseId).orderBy("position").orderBy("id").execute();
}

/** The course's first section, if it has one. */
export async function firstSection(db: Kysely<DB>, tid: Tid, courseId: string) {
  return db.selectFrom("course_sections").select("id").where("tenant_id", "=", tid).where("course_id", "=", courseId).orderBy("position").executeTakeFirst();
}

export async function getSection(db: Kysely<DB>, tid: Tid, courseId: string, id: string) {
  return db.selectFrom("course_sections").selectAll().where("tenant_id", "=", tid).where("course_id", "=", courseId).where("id", "=", id).executeTakeFirst();
}

/** Appends a section: its position is the number of sections already there (dense positions). */
export async function insertSection(db: Kysely<DB>, tid: Tid, row: { id: string; course_id: string; title: string; summary: string }) {
  return db
    .insertInto("course_sections")
    .values((eb) => ({
      ...row,
      tenant_id: tid,
      position: endOf(tid, sectionsOfCourse, row.course_id),
    }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateSectionRow(db: Kysely<DB>, tid: Tid, id: string, patch: Updateable<CourseSectionsTable>) {
  return db.updateTable("course_sections").set(patch).where("tenant_id", "=", tid).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
}

/** Deletes a section (its items go with it) and closes the gap in the positions. */
export async function deleteSectionRow(db: Kysely<DB>, tid: Tid, s: SectionRow) {
  await deleteAndCloseGap(db, tid, sectionsOfCourse, s.course_id, s);
}

// ---- items ----
export async function listItems(db: Kysely<DB>, tid: Tid, courseId: string) {
  return db.selectFrom("course_items").selectAll().where("tenant_id", "=", tid).where("course_id", "=", courseId).orderBy("position").orderBy("id").execute();
}

/** Items of a course (without the stored documents) with one person's progress: one query. */
type OutlineSection = { id: string; position: number; title: string; summary: string };
type OutlineItem = {
  id: string;
  section_id: string;
  position: number;
  kind: CourseItemsTable["kind"];
  title: string;
  url: string | null;
  file_id: string | null;
  captions_file_id: string | null;
  completion: Selectable<CourseItemsTable>["completion"];
  condition: unknown;
};

/**
 * A course's outline in one query and one row: its version, its sections and its items, each list
 * aggregated into one JSON value. Decoding one JSON text is far cheaper than decoding thousands of
 * fields one by one (PGlite decodes the wire protocol in JavaScript, field by field).
 */
export async function courseOutline(db: Kysely<DB>, tid: Tid, courseId: string) {
  const row = await db
    .selectFrom("courses as c")
    .select((eb) => [
      "c.outline_version as version",
      eb
        .selectFrom("course_sections as s")
        .select(sql<OutlineSection[] | null>`json_agg(json_build_object('id', s.id, 'position', s.position, 'title', s.title, 'summary', s.summary) order by s.position, s.id)`.as("j"))
        .where("s.tenant_id", "=", tid)
        .whereRef("s.course_id", "=", "c.id")
        .as("sections"),
      eb
        .selectFrom("course_items as i")
        .select(
          sql<OutlineItem[] | null>`json_agg(json_build_object(
            'id', i.id, 'section_id', i.section_id, 'position', i.position, 'kind', i.kind, 'title', i.title, 'url', i.url,
            'file_id', i.file_id, 'captions_file_id', i.captions_file_id, 'completion', i.completion, 'condition', i.condition
          ) order by i.position, i.id)`.as("j"),
        )
        .where("i.tenant_id", "=", tid)
        .whereRef("i.course_id", "=", "c.id")
        .as("items"),
    ])
    .where("c.tenant_id", "=", tid)
    .where("c.id", "=", courseId)
    .executeTakeFirstOrThrow();
  return { version: row.version, sections: row.sections ?? [], items: row.items ?? [] };
}

/** A person's progress on the items of a course: the rows they have touched. */
export async function getItemWithProgress(db: Kysely<DB>, tid: Tid, courseId: string, id: string, userId: string) {
  return db
    .selectFrom("course_items as i")
    .leftJoin("item_progress as p", (j) => j.onRef("p.tenant_id", "=", "i.tenant_id").onRef("p.item_id", "=", "i.id").on("p.user_id", "=", userId))
    .selectAll("i")
    .select(["p.viewed_at", "p.done_at", "p.position_seconds", "p.user_id as progress_user"])
    .where("i.tenant_id", "=", tid)
    .where("i.course_id", "=", courseId)
    .where("i.id", "=", id)
    .executeTakeFirst();
}

export async function getItem(db: Kysely<DB>, tid: Tid, courseId: string, id: string) {
  return db.selectFrom("course_items").selectAll().where("tenant_id", "=", tid).where("course_id", "=", courseId).where("id", "=", id).executeTakeFirst();
}

/** Appends an item to its section (dense positions). */
export async function insertItem(db: Kysely<DB>, tid: Tid, row: Omit<Insertable<CourseItemsTable>, "tenant_id" | "position">) {
  return db
    .insertInto("course_items")
    .values((eb) => ({
      ...row,
      tenant_id: tid,
      position: endOf(tid, itemsOfSection, row.section_id),
    }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateItemRow(db: Kysely<DB>, tid: Tid, id: string, patch: Updateable<CourseItemsTable>) {
  return db
    .updateTable("course_items")
    .set({ ...patch, updated_at: new Date() })
    .where("tenant_id", "=", tid)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deletes an item and closes the gap in its section's positions. */
export async function deleteItemRow(db: Kysely<DB>, tid: Tid, item: { id: string; section_id: string; position: number }) {
  await deleteAndCloseGap(db, tid, itemsOfSection, item.section_id, item);
}

/** Records a view: the first view time stays. */
export async function markViewed(db: Kysely<DB>, tid: Tid, courseId: string, itemId: string, userId: string) {
  const now = new Date();
  await db
    .insertInto("item_progress")
    .values({ tenant_id: tid, item_id: itemId, user_id: userId, course_id: courseId, viewed_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "item_id", "user_id"]).doUpdateSet({ viewed_at: sql`coalesce(item_progress.viewed_at, excluded.viewed_at)`, updated_at: now }),
    )
    .execute();
  return now;
}

/** Sets every section's and item's position (and items' sections) in two statements. */
export async function applyOrder(db: Kysely<DB>, tid: Tid, courseId: string, sections: { id: string; items: string[] }[]) {
  const sectionRows = sections.map((s, i) => sql`(${s.id}::uuid, ${i}::int)`);
  const itemRows = sections.flatMap((s) => s.items.map((id, i) => sql`(${id}::uuid, ${s.id}::uuid, ${i}::int)`));
  await db.transaction().execute(async (tx) => {
    if (sectionRows.length)
      await sql`update course_sections as s set position = v.position from (values ${sql.join(sectionRows)}) as v(id, position)
        where s.tenant_id = ${tid} and s.course_id = ${courseId} and s.id = v.id`.execute(tx);
    if (itemRows.length)
      await sql`update course_items as i set section_id = v.section_id, position = v.position, updated_at = now() from (values ${sql.join(itemRows)}) as v(id, section_id, position)
        where i.tenant_id = ${tid} and i.course_id = ${courseId} and i.id = v.id`.execute(tx);
  });
}

// ---- listings ----
/** The person's active roles in the enclosing query's course `c` ('{}' when none). */
function rolesIn(userId: string) {
  return sql<CourseRole[]>`(select coalesce(array_agg(m.role::text), '{}') from course_members m
    where m.tenant_id = c.tenant_id and m.course_id = c.id and m.user_id = ${userId} and m.status = 'active')`.as("roles");
}

const cardColumns = ["c.id", "c.title", "c.summary", "c.language", "c.tags", "c.format", "c.status", "c.is_template", "c.org_id", "o.name as org_name"] as const;

/** Courses where the person holds an active role, with their roles: one query. */
export async function coursesOfMember(db: Kysely<DB>, tid: Tid, userId: string) {
  return db
    .selectFrom("courses as c")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "c.tenant_id").onRef("o.id", "=", "c.org_id"))
    .innerJoin("course_members as m", (j) => j.onRef("m.tenant_id", "=", "c.tenant_id").onRef("m.course_id", "=", "c.id"))
    .select(cardColumns)
    .select(sql<CourseRole[]>`array_agg(m.role::text)`.as("roles"))
    .where("c.tenant_id", "=", tid)
    .where("m.user_id", "=", userId)
    .where("m.status", "=", "active")
    .groupBy(["c.tenant_id", "c.id", "o.name"])
    .orderBy(sql`case c.status when 'published' then 0 when 'draft' then 1 else 2 end`)
    .orderBy(sql`c.title collate "und-x-icu"`)
    .limit(500)
    .execute();
}

/** Templates on the given nodes (`orgIds`, those above the person's) or below the given paths. */
export async function templatesIn(db: Kysely<DB>, tid: Tid, orgIds: string[], paths: string[], userId: string) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom("courses as c")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "c.tenant_id").onRef("o.id", "=", "c.org_id"))
    .select(cardColumns)
    .select(rolesIn(userId))
    .where("c.tenant_id", "=", tid)
    .where("c.is_template", "=", true)
    .where("c.status", "!=", "archived")
    .where((eb) => eb.or([eb("c.org_id", "in", orgIds), ...paths.map((p) => eb("o.path", "like", `${p}%`))]))
    .orderBy(sql`c.title collate "und-x-icu"`)
    .limit(500)
    .execute();
}

export type CatalogueFilter = {
  /** nodes whose courses the person sees: every node at or above one of theirs */
  orgIds: string[];
  userId: string;
  /** a partner organisation's person: only their partnership's part of the catalogue (orgIds and memberships are ignored) */
  partner?: PartnerReach;
  query: ReturnType<typeof sql> | null;
  withinOrgId?: string;
  language?: string;
  tags: string[];
  format?: string;
  limit: number;
  offset: number;
};

/**
 * One page of the catalogue, ranked when searching, with the total: one query. The matching
 * courses are first narrowed to (id, rank, title) and sorted, and only the page's courses are
 * then read in full with the person's roles: ranking hundreds of matches stays cheap.
 */
export async function cataloguePage(db: Kysely<DB>, tid: Tid, f: CatalogueFilter) {
  const now = new Date();
  const query = f.query;
  const hits = db
    .selectFrom("courses as c")
    .select(["c.id", "c.title"])
    .select(sql<number>`count(*) over ()`.as("total"))
    .select(query ? sql<number>`ts_rank(c.search, tsq.q)`.as("rank") : sql<number>`0`.as("rank"))
    .where("c.tenant_id", "=", tid)
    .where("c.status", "=", "published")
    .where("c.is_template", "=", false)
    .where((eb) => eb.or([eb("c.visible_from", "is", null), eb("c.visible_from", "<=", now)]))
    .where((eb) => eb.or([eb("c.visible_until", "is", null), eb("c.visible_until", ">", now)]))
    .where((eb) =>
      f.partner
        ? // a partner learner's part of the catalogue, exactly: chosen courses and the courses under chosen nodes
          eb.or([
            ...(f.partner.enrolCourses.length ? [eb("c.id", "in", f.partner.enrolCourses)] : []),
            ...f.partner.enrolPaths.map((p) =>
              eb("c.org_id", "in", (o) => o.selectFrom("orgs as po").select("po.id").where("po.tenant_id", "=", tid).where("po.path", "like", `${p}%`)),
            ),
            sql<boolean>`false`,
          ])
        : eb.or([
        ...(f.orgIds.length ? [eb("c.org_id", "in", f.orgIds)] : []),
        eb.exists(
          eb
            .selectFrom("course_members as mm")
            .select(sql`1`.as("one"))
            .whereRef("mm.tenant_id", "=", "c.tenant_id")
            .whereRef("mm.course_id", "=", "c.id")
            .where("mm.user_id", "=", f.userId)
            .where("mm.status", "=", "active"),
        ),
      ]),
    )
    .$if(!!f.withinOrgId, (qb) =>
      qb.where("c.org_id", "in", (eb) =>
        eb
          .selectFrom("orgs as w")
          .select("w.id")
          .where("w.tenant_id", "=", tid)
          .where("w.path", "like", sql<string>`(select x.path from orgs x where x.tenant_id = ${tid} and x.id = ${f.withinOrgId}) || '%'`),
      ),
    )
    .$if(!!f.language, (qb) => qb.where("c.language", "=", f.language!))
    .$if(!!f.format, (qb) => qb.where("c.format", "=", f.format as "online"))
    .$if(f.tags.length > 0, (qb) => qb.where(sql<boolean>`c.tags @> ${sql.val(f.tags)}::text[]`))
    // the query is parsed and stemmed once, in a subquery kept apart (offset 0): written inline,
    // PostgreSQL parses it again for every matching course it ranks
    .$if(!!query, (qb) =>
      qb
        .innerJoin(sql`(select ${query} as q offset 0)`.as("tsq"), (j) => j.onTrue())
        .where(sql<boolean>`c.search @@ tsq.q`)
        .orderBy("rank", "desc"),
    )
    .orderBy(sql`c.title collate "und-x-icu"`)
    .orderBy("c.id")
    .limit(f.limit)
    .offset(f.offset);
  return db
    .with("hits", () => hits)
    .selectFrom("hits as h")
    .innerJoin("courses as c", (j) => j.on("c.tenant_id", "=", tid).onRef("c.id", "=", "h.id"))
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "c.tenant_id").onRef("o.id", "=", "c.org_id"))
    // learners' ratings: the reviews module keeps one aggregate row per course
    .leftJoin("course_rating_stats as rs", (j) => j.onRef("rs.tenant_id", "=", "c.tenant_id").onRef("rs.course_id", "=", "c.id"))
    .select(cardColumns)
    .select(["h.total", sql<number>`coalesce(rs.count, 0)`.as("rating_count"), sql<number>`coalesce(rs.total, 0)`.as("rating_total")])
    .select(rolesIn(f.userId))
    .orderBy("h.rank", "desc")
    .orderBy(sql`h.title collate "und-x-icu"`)
    .orderBy("h.id")
    .execute();
}

/** The teaching team of a course and its size: one query. */
export async function teachersAndCounts(db: Kysely<DB>, tid: Tid, courseId: string) {
  return db
    .selectFrom("course_members as m")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "m.tenant_id").onRef("u.id", "=", "m.user_id"))
    .select(["u.id", "u.given_name", "u.family_name", "m.role"])
    .select((eb) => [
      eb.selectFrom("course_sections").select(sql<number>`count(*)::int`.as("n")).where("tenant_id", "=", tid).where("course_id", "=", courseId).as("sections"),
      eb.selectFrom("course_items").select(sql<number>`count(*)::int`.as("n")).where("tenant_id", "=", tid).where("course_id", "=", courseId).as("items"),
    ])
    .where("m.tenant_id", "=", tid)
    .where("m.course_id", "=", courseId)
    .where("m.status", "=", "active")
    .where("m.role", "in", ["manager", "teacher"])
    .orderBy(sql`u.family_name collate "und-x-icu"`)
    .execute();
}

/** The people (`u`) with a role on a node of the given branch: at, above or below the node at `orgPath`. */
function usersOfBranch(db: Kysely<DB>, tid: Tid, orgPath: string) {
  return db
    .selectFrom("users as u")
    .where("u.tenant_id", "=", tid)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("role_assignments as r")
          .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "r.tenant_id").onRef("o.id", "=", "r.org_id"))
          .select(sql`1`.as("one"))
          .whereRef("r.tenant_id", "=", "u.tenant_id")
          .whereRef("r.user_id", "=", "u.id")
          .where((eb) => eb.or([eb("o.path", "like", `${orgPath}%`), eb(sql.val(orgPath), "like", sql<string>`o.path || '%'`)])),
      ),
    );
}

/** People with a role on a node of the given branch (at, above or below it), matching a search: one query. */
export async function peopleOfBranch(db: Kysely<DB>, tid: Tid, orgPath: string, q: string) {
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return usersOfBranch(db, tid, orgPath)
    .select(["u.id", "u.given_name", "u.family_name", "u.username", "u.profile"])
    .where("u.status", "=", "active")
    .$if(!!like, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb("u.username", "ilike", like!),
          eb("u.email", "ilike", like!),
          eb(sql`u.given_name || ' ' || u.family_name`, "ilike", like!),
          eb(sql`u.family_name || ' ' || u.given_name`, "ilike", like!),
        ]),
      ),
    )
    .orderBy(sql`u.family_name collate "und-x-icu"`)
    .orderBy(sql`u.given_name collate "und-x-icu"`)
    .limit(20)
    .execute();
}

/** A person of the branch (same rule as peopleOfBranch), or undefined. */
export async function personOfBranch(db: Kysely<DB>, tid: Tid, orgPath: string, userId: string) {
  return usersOfBranch(db, tid, orgPath)
    .select(["u.id", "u.given_name", "u.family_name", "u.username"])
    .where("u.id", "=", userId)
    .executeTakeFirst();
}
