import { type Kysely, sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { DB } from "../../../../kernel/db/schema.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { isComplete } from "../completion.ts";
import { itemsOf } from "../repo.ts";

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

function learnersPage(db: Kysely<DB>, tenantId: string, courseId: string, page?: { page: number; pageSize: number }) {
  return db
    .selectFrom("course_members as m")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "m.tenant_id").onRef("u.id", "=", "m.user_id"))
    .select(["m.user_id", "m.completed_at", "u.username", "u.given_name", "u.family_name", sql<string>`count(*) over ()`.as("total")])
    .where("m.tenant_id", "=", tenantId)
    .where("m.course_id", "=", courseId)
    .where("m.role", "=", "learner")
    .where("m.status", "=", "active")
    .orderBy(sql`u.family_name collate "und-x-icu"`)
    .orderBy(sql`u.given_name collate "und-x-icu"`)
    .orderBy("m.user_id")
    .$if(!!page, (q) => q.limit(page!.pageSize).offset((page!.page - 1) * page!.pageSize))
    .execute();
}

/**
 * The teacher's matrix: one page of active learners × the items with a completion rule, and each
 * learner's progress. Four queries whatever the number of learners or items.
 */
export async function progressTable(k: Kernel, actor: Actor, courseId: string, page?: { page: number; pageSize: number }) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "teach");
  const tenantId = a.course.tenant_id;
  const [allItems, learners] = await Promise.all([itemsOf(k.db, tenantId, [courseId]), learnersPage(k.db, tenantId, courseId, page)]);
  const items = allItems.filter((i) => i.completion !== "none") as ((typeof allItems)[number] & { completion: "viewed" | "done" | "graded" })[];
  const userIds = learners.map((l) => l.user_id);
  const progress = userIds.length
    ? await k.db
        .selectFrom("item_progress")
        .select(["user_id", "item_id", "viewed_at", "done_at"])
        .where("tenant_id", "=", tenantId)
        .where("course_id", "=", courseId)
        .where("user_id", "in", userIds)
        .execute()
    : [];
  const byKey = new Map(progress.map((p) => [`${p.user_id}:${p.item_id}`, p]));
  return {
    items: items.map((i) => ({ id: i.id, title: i.title, completion: i.completion })),
    learners: learners.map((l) => {
      const cells = items.map((i) => {
        const p = byKey.get(`${l.user_id}:${i.id}`);
        return isComplete(i, p) ? iso(i.completion === "viewed" ? (p!.viewed_at ?? p!.done_at) : p!.done_at) : null;
      });
      const done = cells.filter(Boolean).length;
      return {
        userId: l.user_id,
        username: l.username,
        givenName: l.given_name,
        familyName: l.family_name,
        percent: items.length ? Math.floor((done * 100) / items.length) : 0,
        completedAt: iso(l.completed_at),
        cells,
      };
    }),
    total: learners.length ? Number(learners[0].total) : 0,
    page: page?.page ?? 1,
    pageSize: page?.pageSize ?? learners.length,
  };
}

const csvCell = (s: string) => {
  // a leading = + - @ would be run as a formula by a spreadsheet
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The whole table as CSV (semicolons, UTF-8 with BOM, as spreadsheets in most of our locales expect). */
export async function progressCsv(k: Kernel, actor: Actor, courseId: string, labels: { username: string; name: string; percent: string; completed: string }) {
  const t = await progressTable(k, actor, courseId);
  const head = [labels.username, labels.name, labels.percent, labels.completed, ...t.items.map((i) => i.title)];
  const lines = t.learners.map((l) => [l.username, `${l.givenName} ${l.familyName}`, String(l.percent), l.completedAt ?? "", ...l.cells.map((c) => c ?? "")]);
  return `\uFEFF${[head, ...lines].map((r) => r.map(csvCell).join(";")).join("\r\n")}\r\n`;
}
