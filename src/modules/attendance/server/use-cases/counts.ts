import { type RawBuilder, sql } from "kysely";
import { type Actor, allowed, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { type Locale, t } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { csvCell } from "../../../directory/server/index.ts";
import { COUNT_COLUMNS, type PupilCounts } from "../../shared/contract.ts";
import { followsClass, loadVisiblePupil } from "../access.ts";

type Query = { orgId?: string; pupilId?: string; from: string; to: string };
type Row = {
  pupil_id: string;
  pupil_name: string;
  class_id: string;
  class_name: string;
  absences: number;
  justified: number;
  unjustified: number;
  pending: number;
  half_days: number;
  lates: number;
  late_minutes: number;
  exclusions: number;
};

/**
 * Counts per pupil over a period, in one statement: the pupils of the classes under a node (a class
 * or a school: its staff and admins, a class's teachers) or one pupil. A half-day is a morning
 * (a lesson starting before noon) or an afternoon with at least one absence, as French schools
 * count them; unjustified absences are those without a justification or with a refused one.
 */
export async function getCounts(k: Kernel, actor: Actor, q: Query) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  if (q.from > q.to) throw new AppError("validation", {}, { to: { code: "attendance.period_reversed" } });
  let scope: RawBuilder<unknown>;
  if (q.pupilId) {
    await loadVisiblePupil(k, actor, q.pupilId);
    scope = sql`r.user_id = ${q.pupilId}`;
  } else {
    if (!q.orgId) throw new AppError("validation", {}, { orgId: { code: "field.required" } });
    const org = await k.db.selectFrom("orgs").select(["path"]).where("tenant_id", "=", tid).where("id", "=", q.orgId).executeTakeFirst();
    if (!org) throw notFound();
    if (!followsClass(actor, org.path)) throw allowed(actor, "org.read", { orgPath: org.path }) ? new AppError("forbidden") : notFound();
    scope = sql`o.path like ${`${org.path}%`}`;
  }
  const r = await sql<Row>`
    with pupils as (
      select distinct on (u.id) u.id, u.given_name || ' ' || u.family_name as name, u.family_name, u.given_name, o.id as class_id, o.name as class_name
      from role_assignments r
      join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id and o.kind = 'class' and o.archived_at is null
      join users u on u.tenant_id = r.tenant_id and u.id = r.user_id
      where r.tenant_id = ${tid} and r.role = 'learner' and ${scope}
      order by u.id, o.name
    )
    select p.id as pupil_id, p.name as pupil_name, p.class_id, p.class_name,
      count(m.id) filter (where m.status = 'absent')::int as absences,
      count(m.id) filter (where m.status = 'absent' and m.justification = 'accepted')::int as justified,
      count(m.id) filter (where m.status = 'absent' and m.justification in ('none', 'refused'))::int as unjustified,
      count(m.id) filter (where m.status = 'absent' and m.justification = 'pending')::int as pending,
      count(distinct m.day::text || (l.starts_at < '12:00')::text) filter (where m.status = 'absent')::int as half_days,
      count(m.id) filter (where m.status = 'late')::int as lates,
      coalesce(sum(m.late_minutes) filter (where m.status = 'late'), 0)::int as late_minutes,
      count(m.id) filter (where m.status = 'excluded')::int as exclusions
    from pupils p
    left join attendance_marks m on m.tenant_id = ${tid} and m.pupil_id = p.id and m.day between ${q.from}::date and ${q.to}::date
    left join attendance_lessons l on l.tenant_id = m.tenant_id and l.id = m.lesson_id
    group by p.id, p.name, p.family_name, p.given_name, p.class_id, p.class_name
    order by p.class_name collate "und-x-icu", p.family_name collate "und-x-icu", p.given_name collate "und-x-icu"`.execute(k.db);
  const items: PupilCounts[] = r.rows.map((x) => ({
    pupil: { id: x.pupil_id, name: x.pupil_name },
    class: { id: x.class_id, name: x.class_name },
    absences: x.absences,
    justified: x.justified,
    unjustified: x.unjustified,
    pending: x.pending,
    halfDays: x.half_days,
    lates: x.lates,
    lateMinutes: x.late_minutes,
    exclusions: x.exclusions,
  }));
  const total = Object.fromEntries(COUNT_COLUMNS.map((key) => [key, items.reduce((s, i) => s + i[key], 0)])) as Omit<PupilCounts, "pupil" | "class">;
  return { items, total };
}

/** The counts as CSV (semicolons, UTF-8 with BOM), headed in the reader's language. */
export async function countsCsv(k: Kernel, actor: Actor, q: Query, locale: Locale) {
  const { items } = await getCounts(k, actor, q);
  const head = [
    t(locale, "ui.attendance.counts.pupil"),
    t(locale, "ui.attendance.counts.class"),
    ...COUNT_COLUMNS.map((c) => t(locale, `ui.attendance.counts.${c}`)),
  ];
  const rows = items.map((i) => [i.pupil.name, i.class.name, ...COUNT_COLUMNS.map((c) => String(i[c]))]);
  return `\uFEFF${[head, ...rows].map((r) => r.map(csvCell).join(";")).join("\r\n")}\r\n`;
}
