import type { Actor, UserActor } from "../../../kernel/auth/actor.ts";
import type { CsvValue } from "../../../kernel/csv.ts";
import { notFound } from "../../../kernel/errors.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { brandingOf } from "../../orgs/server/index.ts";
import { themeFor } from "../../orgs/shared/branding.ts";
import type { ReportRow } from "../shared/contract.ts";
import { hoursMinutes } from "../shared/format.ts";

/**
 * What the course and programme exports share: the columns both CSVs have (titled by
 * ui.reporting.csv.<id>) with their values, and the first part of the attestations.
 */

/** The learner and the period. */
export const WHO_COLUMNS = ["familyName", "givenName", "username", "funder", "from", "to"] as const;
export const whoCells = (x: Pick<ReportRow, "familyName" | "givenName" | "username" | "funder">, period: { from: string | null; to: string | null }) => [
  x.familyName,
  x.givenName,
  x.username,
  x.funder,
  period.from,
  period.to,
];

/** Time online (in minutes, then as h:mm) and attendance. */
export const TIME_COLUMNS = ["onlineMinutes", "onlineHours", "visits", "sessions", "present", "absent", "excused", "presentHours"] as const;
export const timeCells = (x: Pick<ReportRow, "online" | "attendance">): CsvValue[] => [
  Math.round(x.online.seconds / 60),
  hoursMinutes(x.online.seconds),
  x.online.visits,
  x.attendance.sessions,
  x.attendance.present,
  x.attendance.absent,
  x.attendance.excused,
  hoursMinutes(x.attendance.presentMinutes * 60),
];

/** Items completed out of those to complete, and the day of completion. */
export const COMPLETION_COLUMNS = ["itemsDone", "itemsTotal", "completedAt"] as const;
export const completionCells = (c: ReportRow["completion"]): CsvValue[] => [c.done, c.total, c.completedAt ? c.completedAt.slice(0, 10) : null];

/** A result in percent, to two decimals. */
export const percentCell = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

/**
 * What an attestation prints besides its training: the platform's name and colours, the report's
 * period and method, the learner's row (404 when the learner is not in the report), the time.
 */
export async function attestationData<Row>(
  k: Kernel,
  actor: Actor,
  r: { rows: Row[]; period: { from: string | null; to: string | null }; gapMinutes: number },
) {
  const row = r.rows[0];
  if (!row) throw notFound();
  const tenant = (actor as UserActor).tenant;
  const b = await brandingOf(k.db, tenant.id, `/${tenant.rootOrgId}/`);
  const theme = themeFor(b.primaryColor);
  return {
    platformName: b.platformName,
    color: theme.primary,
    onColor: theme.onPrimary,
    period: r.period,
    gapMinutes: r.gapMinutes,
    row,
    generatedAt: new Date(),
  };
}
