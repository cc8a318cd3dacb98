import { type Kysely, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import { newId } from "../../../kernel/ids.ts";
import { builtinScale, computeTotals, effectiveScore, formatOnScale, isBuiltinScale, type Scale, type ScaleBand } from "../shared/compute.ts";
import type { Category, Cell, GradeItem } from "../shared/contract.ts";

type Db = Kysely<DB>;

export type ItemRow = {
  id: string;
  title: string;
  source_type: "quiz" | "assignment" | "manual";
  course_item_id: string | null;
  category_id: string | null;
  max_score: number;
  pass_score: number | null;
  released: boolean;
  position: number;
};
export type CategoryRow = { id: string; name: string; weight: number; drop_lowest: number; position: number };
export type GradeLite = { i: string; s: number | null; o: boolean; v: number | null; r: boolean };

export type Structure = {
  categories: Category[];
  items: GradeItem[];
  scale: Scale;
  /** the course's own choice (null = the platform's default) */
  scaleSetting: string | null;
  platformDefault: string;
  uncategorisedWeight: number;
};

export const toItem = (r: ItemRow): GradeItem => ({
  id: r.id,
  title: r.title,
  source: r.source_type,
  courseItemId: r.course_item_id,
  categoryId: r.category_id,
  maxScore: r.max_score,
  passScore: r.pass_score,
  released: r.released,
  position: r.position,
});
export const toCategory = (r: CategoryRow): Category => ({ id: r.id, name: r.name, weight: r.weight, dropLowest: r.drop_lowest, position: r.position });
export const toScale = (r: { id: string; name: string; bands: unknown }): Scale => ({ id: r.id, name: r.name, kind: "letters", bands: r.bands as ScaleBand[] });

/**
 * A course's gradebook structure in one query: its categories, grade items, settings, the
 * platform's default scale and the custom scale in use, if any.
 */
export async function loadStructure(db: Db, tenantId: string, courseId: string): Promise<Structure> {
  const r = await sql<{
    scale: string | null;
    uncategorised_weight: number | null;
    platform_default: string | null;
    categories: CategoryRow[];
    items: ItemRow[];
    custom: { id: string; name: string; bands: unknown }[];
  }>`
    select s.scale, s.uncategorised_weight,
      (select default_scale from gradebook_platform where tenant_id = ${tenantId}) as platform_default,
      (select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'weight', c.weight, 'drop_lowest', c.drop_lowest, 'position', c.position)
         order by c.position, c.created_at), '[]') from grade_categories c where c.tenant_id = ${tenantId} and c.course_id = ${courseId}) as categories,
      (select coalesce(json_agg(json_build_object('id', i.id, 'title', i.title, 'source_type', i.source_type, 'course_item_id', i.course_item_id,
         'category_id', i.category_id, 'max_score', i.max_score, 'pass_score', i.pass_score, 'released', i.released, 'position', i.position)
         order by i.position, i.created_at), '[]') from grade_items i where i.tenant_id = ${tenantId} and i.course_id = ${courseId}) as items,
      (select coalesce(json_agg(json_build_object('id', x.id, 'name', x.name, 'bands', x.bands)), '[]') from grade_scales x
         where x.tenant_id = ${tenantId} and x.id::text = coalesce(s.scale, (select default_scale from gradebook_platform where tenant_id = ${tenantId}))) as custom
    from (select 1) one
    left join gradebook_courses s on s.tenant_id = ${tenantId} and s.course_id = ${courseId}`.execute(db);
  const row = r.rows[0];
  const platformDefault = row.platform_default ?? "percent";
  const chosen = row.scale ?? platformDefault;
  const scale = isBuiltinScale(chosen) ? builtinScale(chosen) : row.custom[0] ? toScale(row.custom[0]) : builtinScale("percent");
  return {
    categories: row.categories.map(toCategory),
    items: row.items.map(toItem),
    scale,
    scaleSetting: row.scale,
    platformDefault,
    uncategorisedWeight: row.uncategorised_weight ?? 1,
  };
}

export const toCell = (g: GradeLite): Cell => ({ score: g.o ? g.v : g.s, computed: g.s, overridden: g.o, released: g.r });

/** A learner's total over the given grades (teachers: all; the learner: released only). */
export function totalOf(st: Structure, grades: GradeLite[], locale: string) {
  const by = new Map(grades.map((g) => [g.i, g]));
  const t = computeTotals(
    st.items.map((i) => ({ id: i.id, categoryId: i.categoryId, maxScore: i.maxScore })),
    st.categories.map((c) => ({ id: c.id, weight: c.weight, dropLowest: c.dropLowest })),
    st.uncategorisedWeight,
    (id) => {
      const g = by.get(id);
      return g ? effectiveScore({ score: g.s, overridden: g.o, override_score: g.v }) : null;
    },
  );
  return { ...t, text: formatOnScale(t.total, st.scale, locale) };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export type LearnerLite = { user_id: string; username: string; given_name: string; family_name: string; grades: GradeLite[]; total: string };

/**
 * Active learners of a course with their grades (one query): searched by name, username or e-mail,
 * sorted by name or by one item's grade, one page at a time; `page` null = all of them.
 */
export async function learnersWithGrades(
  db: Db,
  tenantId: string,
  courseId: string,
  opts: { q?: string; sortItem?: string; dir?: "asc" | "desc"; page: { page: number; pageSize: number } | null; itemId?: string },
): Promise<LearnerLite[]> {
  const dir = opts.dir === "desc" ? sql`desc` : sql`asc`;
  const q = opts.q ? `%${likeEscape(opts.q.toLowerCase())}%` : null;
  const order = opts.sortItem
    ? sql`(select case when g.overridden then g.override_score else g.score end from grades g
          where g.tenant_id = m.tenant_id and g.grade_item_id = ${opts.sortItem} and g.user_id = m.user_id) ${dir} nulls last,
          u.family_name collate "und-x-icu", u.given_name collate "und-x-icu", m.user_id`
    : sql`u.family_name collate "und-x-icu" ${dir}, u.given_name collate "und-x-icu" ${dir}, m.user_id ${dir}`;
  const r = await sql<LearnerLite>`
    select m.user_id, u.username, u.given_name, u.family_name, count(*) over () as total,
      (select coalesce(json_agg(json_build_object('i', g.grade_item_id, 's', g.score, 'o', g.overridden, 'v', g.override_score, 'r', g.released)), '[]')
        from grades g where g.tenant_id = m.tenant_id and g.course_id = m.course_id and g.user_id = m.user_id
        ${opts.itemId ? sql`and g.grade_item_id = ${opts.itemId}` : sql``}) as grades
    from course_members m
    join users u on u.tenant_id = m.tenant_id and u.id = m.user_id
    where m.tenant_id = ${tenantId} and m.course_id = ${courseId} and m.role = 'learner' and m.status = 'active'
      ${q ? sql`and (lower(u.username) like ${q} or lower(u.given_name || ' ' || u.family_name) like ${q} or lower(u.family_name || ' ' || u.given_name) like ${q} or lower(coalesce(u.email, '')) like ${q})` : sql``}
    order by ${order}
    ${opts.page ? sql`limit ${opts.page.pageSize} offset ${(opts.page.page - 1) * opts.page.pageSize}` : sql``}`.execute(db);
  return r.rows;
}

/** Is this person an active learner of the course? */
export async function isActiveLearner(db: Db, tenantId: string, courseId: string, userId: string) {
  const r = await db
    .selectFrom("course_members")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .where("user_id", "=", userId)
    .where("role", "=", "learner")
    .where("status", "=", "active")
    .executeTakeFirst();
  return !!r;
}

export function getItemRow(db: Db, tenantId: string, courseId: string, itemId: string) {
  return db
    .selectFrom("grade_items")
    .select(["id", "title", "source_type", "course_item_id", "category_id", "max_score", "pass_score", "released", "position", "course_id"])
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .where("id", "=", itemId)
    .executeTakeFirst();
}

export type GradeChange = { userId: string; score: number | null; kind: "entered" | "override" | "cleared" | "imported"; reason: string };

/**
 * Writes people's grades for one item and the history of each change, in one transaction. A
 * column by hand holds its grade in `score`; on a quiz or assignment a person's grade is an
 * override beside the computed score ('cleared' drops it). Returns each learner's effective score.
 */
export async function writeGrades(db: Db, tenantId: string, item: ItemRow & { course_id: string }, actorId: string, changes: GradeChange[]) {
  if (changes.length === 0) return [];
  return db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom("grades")
      .select(["user_id", "score", "overridden", "override_score"])
      .where("tenant_id", "=", tenantId)
      .where("grade_item_id", "=", item.id)
      .where(
        "user_id",
        "in",
        changes.map((c) => c.userId),
      )
      .execute();
    const old = new Map(before.map((b) => [b.user_id, b]));
    const now = new Date();
    const manual = item.source_type === "manual";
    const rows = changes.map((c) => {
      const b = old.get(c.userId);
      const cleared = c.kind === "cleared";
      return {
        tenant_id: tenantId,
        grade_item_id: item.id,
        user_id: c.userId,
        course_id: item.course_id,
        score: manual ? c.score : (b?.score ?? null),
        overridden: !manual && !cleared,
        override_score: manual || cleared ? null : c.score,
        released: item.released,
        graded_by: actorId,
        graded_at: now,
        updated_at: now,
      };
    });
    await tx
      .insertInto("grades")
      .values(rows)
      .onConflict((oc) =>
        oc.columns(["tenant_id", "grade_item_id", "user_id"]).doUpdateSet((eb) => ({
          score: eb.ref("excluded.score"),
          overridden: eb.ref("excluded.overridden"),
          override_score: eb.ref("excluded.override_score"),
          // a column by hand follows its item's release; a computed grade keeps the release its source gave
          ...(manual && { released: eb.ref("excluded.released") }),
          graded_by: eb.ref("excluded.graded_by"),
          graded_at: eb.ref("excluded.graded_at"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
    const history = changes.flatMap((c, n) => {
      const b = old.get(c.userId);
      const was = b ? effectiveScore(b) : null;
      const now_ = effectiveScore({ score: rows[n].score, overridden: rows[n].overridden, override_score: rows[n].override_score });
      const changed = was !== now_ || (b?.overridden ?? false) !== rows[n].overridden;
      if (!changed) return [];
      return [
        {
          tenant_id: tenantId,
          id: newId(),
          grade_item_id: item.id,
          user_id: c.userId,
          course_id: item.course_id,
          actor_id: actorId,
          kind: c.kind,
          old_score: was,
          new_score: now_,
          reason: c.reason,
          at: now,
        },
      ];
    });
    if (history.length) await tx.insertInto("grade_history").values(history).execute();
    return rows.map((r) => ({ userId: r.user_id, score: effectiveScore(r), changed: history.some((h) => h.user_id === r.user_id) }));
  });
}

export async function historyOf(db: Db, tenantId: string, courseId: string, where: { itemId?: string; userId?: string }, limit = 200) {
  const rows = await db
    .selectFrom("grade_history as h")
    .leftJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "h.tenant_id").onRef("u.id", "=", "h.actor_id"))
    .select(["h.id", "h.grade_item_id", "h.user_id", "h.kind", "h.old_score", "h.new_score", "h.reason", "h.at", "h.actor_id", "u.given_name", "u.family_name"])
    .where("h.tenant_id", "=", tenantId)
    .where("h.course_id", "=", courseId)
    .$if(!!where.itemId, (q) => q.where("h.grade_item_id", "=", where.itemId!))
    .$if(!!where.userId, (q) => q.where("h.user_id", "=", where.userId!))
    .orderBy("h.at", "desc")
    .orderBy("h.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    itemId: r.grade_item_id,
    userId: r.user_id,
    kind: r.kind,
    oldScore: r.old_score,
    newScore: r.new_score,
    reason: r.reason,
    at: new Date(r.at).toISOString(),
    actor: r.actor_id ? { id: r.actor_id, name: `${r.given_name ?? ""} ${r.family_name ?? ""}`.trim() } : null,
  }));
}
