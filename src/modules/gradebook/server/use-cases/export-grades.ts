import writeXlsxFile, { type SheetData } from "write-excel-file/node";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { csvDocument } from "../../../../kernel/csv.ts";
import { type Locale, t } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/access.ts";
import { learnersWithGrades, loadStructure } from "../repo.ts";
import { requireTeacher } from "./checks.ts";
import { learnerRow } from "./get-gradebook.ts";

/** An item's column title, which the import recognises too: "Oral (/20)". */
export const columnTitle = (title: string, max: number) => `${title} (/${max})`;

/**
 * The whole grid (every learner, every item, category and course totals), as rows of cells: the
 * CSV and the XLSX exports write the same table. Three queries whatever the size.
 */
async function table(k: Kernel, actor: Actor, courseId: string, locale: Locale) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  const tenantId = a.course.tenant_id;
  const st = await loadStructure(k.db, tenantId, courseId);
  const learners = await learnersWithGrades(k.db, tenantId, courseId, { page: null });
  const head = [
    t(locale, "ui.gradebook.columns.username"),
    t(locale, "ui.gradebook.columns.familyName"),
    t(locale, "ui.gradebook.columns.givenName"),
    ...st.items.map((i) => columnTitle(i.title, i.maxScore)),
    t(locale, "ui.gradebook.columns.totalPercent"),
    t(locale, "ui.gradebook.columns.totalScale", { scale: st.scale.name }),
  ];
  const rows = learners.map((l) => {
    const r = learnerRow(st, l, locale);
    return [
      r.username,
      r.familyName,
      r.givenName,
      ...r.cells.map((c) => c?.score ?? null),
      r.total === null ? null : Math.round(r.total * 100) / 100,
      r.totalText,
    ];
  });
  return { course: a.course, head, rows };
}

/** CSV with semicolons and numbers in the reader's locale, UTF-8 with BOM, as spreadsheets in our locales expect. */
export async function exportCsv(k: Kernel, actor: Actor, courseId: string, locale: Locale) {
  const x = await table(k, actor, courseId, locale);
  const body = csvDocument([x.head, ...x.rows], locale);
  return { body, filename: `grades-${x.course.id}.csv` };
}

/** XLSX: real number cells, a bold frozen header row. */
export async function exportXlsx(k: Kernel, actor: Actor, courseId: string, locale: Locale) {
  const x = await table(k, actor, courseId, locale);
  const data: SheetData = [
    x.head.map((h) => ({ value: h, fontWeight: "bold" as const })),
    ...x.rows.map((r) => r.map((v) => (v === null ? null : typeof v === "number" ? { value: v, type: Number } : { value: v, type: String }))),
  ];
  const buffer = await writeXlsxFile(data, { sheet: t(locale, "ui.gradebook.title").slice(0, 31), stickyRowsCount: 1 }).toBuffer();
  return { body: buffer, filename: `grades-${x.course.id}.xlsx` };
}
