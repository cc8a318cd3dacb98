import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { foldCell, LOGIN_HEADERS, readCsv } from "../../../../kernel/csv.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { type Locale, t } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/access.ts";
import { syncCompletion } from "../completion.ts";
import { type GradeChange, learnersWithGrades, loadStructure, writeGrades } from "../repo.ts";
import { requireTeacher } from "./checks.ts";
import { columnTitle } from "./export-grades.ts";

export const MAX_IMPORT_ROWS = 10_000;

/** "12,5" or "12.5" → 12.5; empty → undefined (leave the grade as it is); anything else → NaN. */
function parseScore(raw: string): number | undefined {
  const s = raw.trim().replace(/\s/g, "");
  if (s === "") return undefined;
  if (!/^\d+([.,]\d+)?$/.test(s)) return Number.NaN;
  return Number(s.replace(",", "."));
}

/**
 * Imports grades of columns graded by hand from CSV: a username column, then columns titled as
 * the items (as exported: "Oral (/20)" or just "Oral"); other columns (names, totals, quizzes)
 * are listed as ignored. An empty cell leaves a grade as it is. Every row is checked first;
 * nothing is written if any row is wrong, and a dry run writes nothing either.
 */
export async function importGrades(k: Kernel, actor: Actor, courseId: string, input: { csv: string; dryRun: boolean }, locale: Locale) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  const me = actor as UserActor;
  const tenantId = a.course.tenant_id;
  const records = readCsv(
    input.csv,
    { maxRows: MAX_IMPORT_ROWS, trim: false },
    { unreadable: "gradebook.csv_unreadable", empty: "gradebook.csv_empty", tooMany: { code: "gradebook.csv_too_long", params: { max: MAX_IMPORT_ROWS } } },
  );
  const heads = records[0].map((h) => h.trim());
  const loginCol = heads.findIndex((h) => LOGIN_HEADERS.has(foldCell(h)) || foldCell(h) === foldCell(t(locale, "ui.gradebook.columns.username")));
  if (loginCol < 0) throw new AppError("validation", {}, { csv: { code: "gradebook.csv_no_username" } });

  const st = await loadStructure(k.db, tenantId, courseId);
  const byTitle = new Map<string, (typeof st.items)[number]>();
  for (const i of st.items) {
    byTitle.set(foldCell(i.title), i);
    byTitle.set(foldCell(columnTitle(i.title, i.maxScore)), i);
  }
  const columns = heads.map((h, n) => {
    const item = n === loginCol ? undefined : byTitle.get(foldCell(h));
    return { title: h, item: item && item.source === "manual" ? item : undefined };
  });
  const learners = await learnersWithGrades(k.db, tenantId, courseId, { page: null });
  const byLogin = new Map(learners.map((l) => [foldCell(l.username), l]));
  const current = new Map(learners.flatMap((l) => l.grades.map((g) => [`${l.user_id}:${g.i}`, g.o ? g.v : g.s] as const)));

  const changes = new Map<string, GradeChange[]>();
  const seen = new Set<string>();
  const rows = records.slice(1).map((rec, n) => {
    const login = (rec[loginCol] ?? "").trim();
    const errors: { column: string; message: string }[] = [];
    const learner = byLogin.get(foldCell(login));
    if (!login) errors.push({ column: heads[loginCol], message: t(locale, "errors.gradebook.row_no_username") });
    else if (!learner) errors.push({ column: heads[loginCol], message: t(locale, "errors.gradebook.row_not_learner", { username: login }) });
    else if (seen.has(learner.user_id)) errors.push({ column: heads[loginCol], message: t(locale, "errors.gradebook.row_duplicate", { username: login }) });
    if (learner) seen.add(learner.user_id);
    let count = 0;
    columns.forEach((c, i) => {
      if (!c.item) return;
      const v = parseScore(rec[i] ?? "");
      if (v === undefined) return;
      if (Number.isNaN(v) || v > c.item.maxScore) {
        errors.push({ column: c.title, message: t(locale, "errors.gradebook.score_range", { max: c.item.maxScore }) });
        return;
      }
      if (!learner || current.get(`${learner.user_id}:${c.item.id}`) === v) return;
      count++;
      const list = changes.get(c.item.id) ?? [];
      list.push({ userId: learner.user_id, score: v, kind: "imported", reason: "" });
      changes.set(c.item.id, list);
    });
    return { line: n + 2, username: login, errors, changes: errors.length ? 0 : count };
  });
  const errors = rows.filter((r) => r.errors.length).length;
  const total = rows.reduce((s, r) => s + r.changes, 0);
  const apply = !input.dryRun && errors === 0 && total > 0;
  if (apply) {
    for (const [itemId, list] of changes) {
      const item = st.items.find((i) => i.id === itemId)!;
      const row = {
        id: item.id,
        title: item.title,
        source_type: item.source,
        course_item_id: item.courseItemId,
        category_id: item.categoryId,
        max_score: item.maxScore,
        pass_score: item.passScore,
        released: item.released,
        position: item.position,
        course_id: courseId,
      };
      const written = await writeGrades(k.db, tenantId, row, me.userId, list);
      await syncCompletion(k, tenantId, row, written);
    }
    k.record({ tenantId, actorId: me.userId, verb: "imported", objectType: "grades", objectId: courseId, context: { courseId, changes: total } });
  }
  return {
    rows,
    columns: columns.map((c) => ({ title: c.title, itemId: c.item?.id ?? null })),
    errors,
    changes: total,
    applied: apply,
  };
}
