import type { Actor } from "../../../../kernel/auth/actor.ts";
import { type CsvValue, csvDocument } from "../../../../kernel/csv.ts";
import { type Locale, t } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { ReportQuery } from "../../shared/contract.ts";
import { attestationData, COMPLETION_COLUMNS, completionCells, percentCell, TIME_COLUMNS, timeCells, WHO_COLUMNS, whoCells } from "../export-parts.ts";
import { programmeAttestationPdf } from "../pdf.ts";
import { buildProgrammeReport } from "./build-programme-report.ts";

/** The programme CSV's columns, in order (ui.reporting.csv.<id>); the UI lists them under "How the figures are computed". */
export const PROGRAMME_CSV_COLUMNS = [
  ...WHO_COLUMNS,
  "programme",
  "course",
  "enrolled",
  ...TIME_COLUMNS,
  ...COMPLETION_COLUMNS,
  "coursesCompleted",
  "coursesRequired",
  "resultPercent",
  "result",
] as const;

/**
 * The programme report as CSV: for each learner, one row per course of the programme (in its order)
 * then a total row (course column "Programme total"): sums of time, visits, sessions and items,
 * the programme's completion date and courses completed against its rule, the mean of the results.
 */
export async function programmeCsv(k: Kernel, actor: Actor, programmeId: string, q: ReportQuery, locale: Locale) {
  const r = await buildProgrammeReport(k, actor, programmeId, q, locale);
  const c = (id: string, v?: Record<string, unknown>) => t(locale, `ui.reporting.csv.${id}`, v);
  const head = PROGRAMME_CSV_COLUMNS.map((id) => c(id, { gap: r.gapMinutes }));
  const rows: CsvValue[][] = [];
  for (const x of r.rows) {
    const who = [...whoCells(x, r.period), r.programme.title];
    for (const co of x.courses)
      rows.push([
        ...who,
        co.title,
        co.enrolled ? c("yes") : c("no"),
        ...timeCells(co),
        ...completionCells(co.completion),
        co.completion.completedAt ? 1 : 0,
        null,
        percentCell(co.result.percent),
        co.result.text || null,
      ]);
    rows.push([
      ...who,
      c("programmeTotal"),
      null,
      ...timeCells(x),
      ...completionCells({
        done: x.courses.reduce((n, co) => n + co.completion.done, 0),
        total: x.courses.reduce((n, co) => n + co.completion.total, 0),
        completedAt: x.programme.completedAt,
      }),
      x.programme.coursesCompleted,
      x.programme.required,
      percentCell(x.result.percent),
      null,
    ]);
  }
  return { body: csvDocument([head, ...rows], locale), filename: `funder-report-programme-${programmeId}.csv` };
}

/** One learner's attestation for a programme, as PDF, over the same figures as the report. */
export async function programmeAttestation(k: Kernel, actor: Actor, programmeId: string, userId: string, q: ReportQuery, locale: Locale) {
  const r = await buildProgrammeReport(k, actor, programmeId, { from: q.from, to: q.to }, locale, userId);
  const d = { ...(await attestationData(k, actor, r)), programmeTitle: r.programme.title };
  return { pdf: await programmeAttestationPdf(d, locale), filename: `attestation-programme-${d.row.username}.pdf` };
}
