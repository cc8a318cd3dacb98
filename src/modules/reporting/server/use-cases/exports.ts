import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { csvDocument } from "../../../../kernel/csv.ts";
import { notFound } from "../../../../kernel/errors.ts";
import { type Locale, t } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { brandingOf } from "../../../orgs/server/index.ts";
import { themeFor } from "../../../orgs/shared/branding.ts";
import type { ReportQuery } from "../../shared/contract.ts";
import { hoursMinutes } from "../../shared/format.ts";
import { attestationPdf } from "../pdf.ts";
import { buildReport } from "./build-report.ts";

/** The report as CSV: one row per learner, durations in minutes and as h:mm (the gap rule is in the column title). */
export async function reportCsv(k: Kernel, actor: Actor, courseId: string, q: ReportQuery, locale: Locale) {
  const r = await buildReport(k, actor, courseId, q, locale);
  const c = (id: string, v?: Record<string, unknown>) => t(locale, `ui.reporting.csv.${id}`, v);
  const head = [
    c("familyName"),
    c("givenName"),
    c("username"),
    c("funder"),
    c("from"),
    c("to"),
    c("onlineMinutes", { gap: r.gapMinutes }),
    c("onlineHours"),
    c("visits"),
    c("sessions"),
    c("present"),
    c("absent"),
    c("excused"),
    c("presentHours"),
    c("itemsDone"),
    c("itemsTotal"),
    c("completedAt"),
    c("resultPercent"),
    c("result"),
  ];
  const rows = r.rows.map((x) => [
    x.familyName,
    x.givenName,
    x.username,
    x.funder,
    r.period.from,
    r.period.to,
    Math.round(x.online.seconds / 60),
    hoursMinutes(x.online.seconds),
    x.online.visits,
    x.attendance.sessions,
    x.attendance.present,
    x.attendance.absent,
    x.attendance.excused,
    hoursMinutes(x.attendance.presentMinutes * 60),
    x.completion.done,
    x.completion.total,
    x.completion.completedAt ? x.completion.completedAt.slice(0, 10) : null,
    x.result.percent === null ? null : Math.round(x.result.percent * 100) / 100,
    x.result.text || null,
  ]);
  return { body: csvDocument([head, ...rows], locale), filename: `funder-report-${courseId}.csv` };
}

/** One learner's attestation as PDF, over the same figures as the report. */
export async function attestation(
  k: Kernel,
  actor: Actor,
  courseId: string,
  userId: string,
  q: ReportQuery,
  locale: Locale,
  opts: { compress?: boolean } = {},
) {
  const r = await buildReport(k, actor, courseId, { from: q.from, to: q.to }, locale, userId);
  const row = r.rows[0];
  if (!row) throw notFound();
  const tenant = (actor as UserActor).tenant;
  const b = await brandingOf(k.db, tenant.id, `/${tenant.rootOrgId}/`);
  const theme = themeFor(b.primaryColor);
  const pdf = await attestationPdf(
    {
      platformName: b.platformName,
      color: theme.primary,
      onColor: theme.onPrimary,
      courseTitle: r.course.title,
      period: r.period,
      gapMinutes: r.gapMinutes,
      row,
      generatedAt: new Date(),
    },
    locale,
    opts,
  );
  return { pdf, filename: `attestation-${row.username}.pdf` };
}
