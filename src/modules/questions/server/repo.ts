import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import { newId } from "../../../kernel/ids.ts";
import type { QuestionDetail, QuestionSummary } from "../shared/contract.ts";
import type { QuestionDefinition } from "../shared/types.ts";

type Db = Kysely<DB> | Transaction<DB>;

export async function categoriesOf(db: Db, tenantId: string, owners: { courseIds: string[]; orgIds: string[] }) {
  if (owners.courseIds.length === 0 && owners.orgIds.length === 0) return [];
  return db
    .selectFrom("question_categories as c")
    .select(["c.id", "c.course_id", "c.org_id", "c.parent_id", "c.name"])
    .select((eb) =>
      eb
        .selectFrom("questions as q")
        .select((e) => e.fn.countAll<string>().as("n"))
        .whereRef("q.tenant_id", "=", "c.tenant_id")
        .whereRef("q.category_id", "=", "c.id")
        .where("q.deleted_at", "is", null)
        .as("question_count"),
    )
    .where("c.tenant_id", "=", tenantId)
    .where((eb) =>
      eb.or([
        ...(owners.courseIds.length ? [eb("c.course_id", "in", owners.courseIds)] : []),
        ...(owners.orgIds.length ? [eb("c.org_id", "in", owners.orgIds)] : []),
      ]),
    )
    .orderBy(sql`c.name collate "und-x-icu"`)
    .execute();
}

export async function insertCategory(
  db: Db,
  tenantId: string,
  row: { id: string; course_id: string | null; org_id: string | null; parent_id: string | null; name: string },
) {
  await db
    .insertInto("question_categories")
    .values({ tenant_id: tenantId, ...row })
    .execute();
}

export async function setTags(db: Db, tenantId: string, questionId: string, tags: string[]) {
  await db.deleteFrom("question_tags").where("tenant_id", "=", tenantId).where("question_id", "=", questionId).execute();
  const uniq = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
  if (uniq.length)
    await db
      .insertInto("question_tags")
      .values(uniq.map((tag) => ({ tenant_id: tenantId, question_id: questionId, tag })))
      .execute();
}

export async function insertQuestion(
  db: Db,
  tenantId: string,
  q: { categoryId: string; name: string; points: number; tags: string[]; definition: QuestionDefinition; createdBy: string | null },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("questions")
    .values({ tenant_id: tenantId, id, category_id: q.categoryId, type: q.definition.type, name: q.name, latest_version: 1, created_by: q.createdBy })
    .execute();
  await db
    .insertInto("question_versions")
    .values({
      tenant_id: tenantId,
      id: newId(),
      question_id: id,
      version: 1,
      type: q.definition.type,
      points: q.points,
      definition: JSON.stringify(q.definition),
      created_by: q.createdBy,
    })
    .execute();
  await setTags(db, tenantId, id, q.tags);
  return id;
}

const summaryQuery = (db: Db, tenantId: string) =>
  db
    .selectFrom("questions as q")
    .innerJoin("question_versions as v", (j) =>
      j.onRef("v.tenant_id", "=", "q.tenant_id").onRef("v.question_id", "=", "q.id").onRef("v.version", "=", "q.latest_version"),
    )
    .select(["q.id", "q.category_id", "q.name", "q.type", "q.latest_version", "q.updated_at", "v.id as version_id", "v.points", "v.used", "v.definition"])
    .select((eb) =>
      eb
        .selectFrom("question_tags as t")
        .select((e) => e.fn.coalesce(e.fn.agg<string[]>("array_agg", ["t.tag"]), e.val([] as string[])).as("tags"))
        .whereRef("t.tenant_id", "=", "q.tenant_id")
        .whereRef("t.question_id", "=", "q.id")
        .as("tags"),
    )
    .where("q.tenant_id", "=", tenantId)
    .where("q.deleted_at", "is", null);

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>["executeTakeFirstOrThrow"]>>;

export const presentSummary = (r: SummaryRow): QuestionSummary => ({
  id: r.id,
  categoryId: r.category_id,
  name: r.name,
  type: r.type as QuestionSummary["type"],
  version: r.latest_version,
  versionId: r.version_id,
  points: Number(r.points),
  tags: [...(r.tags ?? [])].sort(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export async function listQuestions(db: Db, tenantId: string, categoryId: string, f: { tag?: string; type?: string; q?: string }) {
  let query = summaryQuery(db, tenantId).where("q.category_id", "=", categoryId);
  if (f.type) query = query.where("q.type", "=", f.type);
  if (f.q) query = query.where("q.name", "ilike", `%${f.q.replace(/[%_\\]/g, "\\$&")}%`);
  if (f.tag)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("question_tags as t")
          .select("t.tag")
          .whereRef("t.tenant_id", "=", "q.tenant_id")
          .whereRef("t.question_id", "=", "q.id")
          .where("t.tag", "=", f.tag!),
      ),
    );
  return (await query.orderBy("q.created_at", "desc").orderBy("q.id").limit(2000).execute()).map(presentSummary);
}

export async function tagsOfCategory(db: Db, tenantId: string, categoryId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("question_tags as t")
    .innerJoin("questions as q", (j) => j.onRef("q.tenant_id", "=", "t.tenant_id").onRef("q.id", "=", "t.question_id"))
    .select("t.tag")
    .where("t.tenant_id", "=", tenantId)
    .where("q.category_id", "=", categoryId)
    .where("q.deleted_at", "is", null)
    .groupBy("t.tag")
    .orderBy(sql`t.tag collate "und-x-icu"`)
    .execute();
  return rows.map((r) => r.tag);
}

export async function findQuestionDetail(db: Db, tenantId: string, questionId: string) {
  const r = await summaryQuery(db, tenantId).where("q.id", "=", questionId).executeTakeFirst();
  if (!r) return undefined;
  return { summary: presentSummary(r), used: r.used, definition: r.definition };
}

export type DetailParts = NonNullable<Awaited<ReturnType<typeof findQuestionDetail>>>;
export const presentDetail = (d: DetailParts, definition: QuestionDefinition, canEdit: boolean): QuestionDetail => ({
  ...d.summary,
  definition,
  used: d.used,
  canEdit,
});
