import type { Actor } from "../../../../kernel/auth/actor.ts";
import { csvDocument } from "../../../../kernel/csv.ts";
import { type Locale, t } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { ReportQuery } from "../../shared/contract.ts";
import { attestationData, COMPLETION_COLUMNS, completionCells, percentCell, TIME_COLUMNS, timeCells, WHO_COLUMNS, whoCells } from "../export-parts.ts";
import { attestationPdf } from "../pdf.ts";
import { buildReport } from "./build-report.ts";

/** The course CSV's columns, in order (ui.reporting.csv.<id>). */
const CSV_COLUMNS = [...WHO_COLUMNS, ...TIME_COLUMNS, ...COMPLETION_COLUMNS, "resultPercent", "result"] as const;

/** The report as CSV: one row per learner, durations in minutes and as h:mm (the gap rule is in the column title). */
export async function reportCsv(k: Kernel, actor: Actor, courseId: string, q: ReportQuery, locale: Locale) {
  const r = await buildReport(k, actor, courseId, q, locale);
  const head = CSV_COLUMNS.map((id) => t(locale, `ui.reporting.csv.${id}`, { gap: r.gapMinutes }));
  const rows = r.rows.map((x) => [
    ...whoCells(x, r.period),
    ...timeCells(x),
    ...completionCells(x.completion),
    percentCell(x.result.percent),
    x.result.text || null,
  ]);
  return { body: csvDocument([head, ...rows], locale), filename: `funder-report-${courseId}.csv` };
}

/** One learner's attestation as PDF, over the same figures as the report. */
export async function attestation(k: Kernel, actor: Actor, courseId: string, userId: string, q: ReportQuery, locale: Locale) {
  const r = await buildReport(k, actor, courseId, { from: q.from, to: q.to }, locale, userId);
  const d = { ...(await attestationData(k, actor, r)), courseTitle: r.course.title };
  return { pdf: await attestationPdf(d, locale), filename: `attestation-${d.row.username}.pdf` };
}
