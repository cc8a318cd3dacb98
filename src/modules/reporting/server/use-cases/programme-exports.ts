import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { csvDocument } from "../../../../kernel/csv.ts";
import { notFound } from "../../../../kernel/errors.ts";
import { type Locale, t } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { brandingOf } from "../../../orgs/server/index.ts";
import { themeFor } from "../../../orgs/shared/branding.ts";
import type { ReportQuery } from "../../shared/contract.ts";
import { hoursMinutes } from "../../shared/format.ts";
import { programmeAttestationPdf } from "../pdf.ts";
import { buildProgrammeReport } from "./build-programme-report.ts";

/** The programme CSV's columns, in order (ui.reporting.csv.<id>); the UI lists them under "How the figures are computed". */
export const PROGRAMME_CSV_COLUMNS = [
  "familyName",
  "givenName",
  "username",
  "funder",
  "from",
  "to",
  "programme",
  "course",
  "enrolled",
  "onlineMinutes",
  "onlineHours",
  "visits",
  "sessions",
  "present",
  "absent",
  "excused",
  "presentHours",
  "itemsDone",
  "itemsTotal",
  "completedAt",
  "coursesCompleted",
  "coursesRequired",
  "resultPercent",
  "result",
] as const;

const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

/**
 * The programme report as CSV: for each learner, one row per course of the programme (in its order)
 * then a total row (course column "Programme total"): sums of time, visits, sessions and items,
 * the programme's completion date and courses completed against its rule, the mean of the results.
 */
export async function programmeCsv(k: Kernel, actor: Actor, programmeId: string, q: ReportQuery, locale: Locale) {
  const r = await buildProgrammeReport(k, actor, programmeId, q, locale);
  const c = (id: string, v?: Record<string, unknown>) => t(locale, `ui.reporting.csv.${id}`, v);
  const head = PROGRAMME_CSV_COLUMNS.map((id) => c(id, { gap: r.gapMinutes }));
  const rows: unknown[][] = [];
  for (const x of r.rows) {
    const who = [x.familyName, x.givenName, x.username, x.funder, r.period.from, r.period.to, r.programme.title];
    for (const co of x.courses)
      rows.push([
        ...who,
        co.title,
        co.enrolled ? c("yes") : c("no"),
        Math.round(co.online.seconds / 60),
        hoursMinutes(co.online.seconds),
        co.online.visits,
        co.attendance.sessions,
        co.attendance.present,
        co.attendance.absent,
        co.attendance.excused,
        hoursMinutes(co.attendance.presentMinutes * 60),
        co.completion.done,
        co.completion.total,
        co.completion.completedAt ? co.completion.completedAt.slice(0, 10) : null,
        co.completion.completedAt ? 1 : 0,
        null,
        round2(co.result.percent),
        co.result.text || null,
      ]);
    rows.push([
      ...who,
      c("programmeTotal"),
      null,
      Math.round(x.online.seconds / 60),
      hoursMinutes(x.online.seconds),
      x.online.visits,
      x.attendance.sessions,
      x.attendance.present,
      x.attendance.absent,
      x.attendance.excused,
      hoursMinutes(x.attendance.presentMinutes * 60),
      x.courses.reduce((n, co) => n + co.completion.done, 0),
      x.courses.reduce((n, co) => n + co.completion.total, 0),
      x.programme.completedAt ? x.programme.completedAt.slice(0, 10) : null,
      x.programme.coursesCompleted,
      x.programme.required,
      round2(x.result.percent),
      null,
    ]);
  }
  return { body: csvDocument([head, ...rows] as Parameters<typeof csvDocument>[0], locale), filename: `funder-report-programme-${programmeId}.csv` };
}

/** One learner's attestation for a programme, as PDF, over the same figures as the report. */
export async function programmeAttestation(
  k: Kernel,
  actor: Actor,
  programmeId: string,
  userId: string,
  q: ReportQuery,
  locale: Locale,
  opts: { compress?: boolean } = {},
) {
  const r = await buildProgrammeReport(k, actor, programmeId, { from: q.from, to: q.to }, locale, userId);
  const row = r.rows[0];
  if (!row) throw notFound();
  const tenant = (actor as UserActor).tenant;
  const b = await brandingOf(k.db, tenant.id, `/${tenant.rootOrgId}/`);
  const theme = themeFor(b.primaryColor);
  const pdf = await programmeAttestationPdf(
    {
      platformName: b.platformName,
      color: theme.primary,
      onColor: theme.onPrimary,
      programmeTitle: r.programme.title,
      period: r.period,
      gapMinutes: r.gapMinutes,
      row,
      generatedAt: new Date(),
    },
    locale,
    opts,
  );
  return { pdf, filename: `attestation-programme-${row.username}.pdf` };
}
