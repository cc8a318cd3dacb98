import { type Actor, allowed } from "../../../../kernel/auth/actor.ts";
import { AppError, forbidden, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadStructure, totalOf } from "../../../gradebook/server/index.ts";
import { DISPLAY_TIME_ZONE } from "../../../sessions/server/index.ts";
import { GAP_MINUTES, type ProgrammeCourseFigures, type ProgrammeReport, type ProgrammeReportRow, type ReportQuery } from "../../shared/contract.ts";
import { fundersOfProgramme, programmeCourses, programmeFigures, programmeOf } from "../repo.ts";

/**
 * Programme reports are for those who answer for the programme: platform admins and admins of its
 * node (the programme's managers). Someone who may see the programme otherwise (a member, a person
 * of its branch when it is open) is refused; anyone else, and other platforms, find nothing.
 */
export async function loadReportableProgramme(k: Kernel, actor: Actor, programmeId: string) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const p = await programmeOf(k.db, actor.tenant.id, programmeId, actor.userId);
  if (!p) throw notFound();
  if (!allowed(actor, "org.manage", { orgPath: p.org_path })) {
    const sees = p.is_member || (p.self_enrol && actor.grants.some((g) => g.path.startsWith(p.org_path)));
    throw sees ? forbidden() : notFound();
  }
  return { programme: p, tenantId: actor.tenant.id };
}

type Structure = Awaited<ReturnType<typeof loadStructure>>;
const sumBy = <T>(xs: T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);

/**
 * The programme's report (one learner's when `userId` is given): four queries, plus one per course
 * of the programme for its gradebook, whatever the number of learners.
 */
export async function buildProgrammeReport(
  k: Kernel,
  actor: Actor,
  programmeId: string,
  q: ReportQuery,
  locale: string,
  userId?: string,
): Promise<ProgrammeReport> {
  const { programme: p, tenantId: tid } = await loadReportableProgramme(k, actor, programmeId);
  const period = { from: q.from ?? null, to: q.to ?? null };
  const [courses, figures, funders] = await Promise.all([
    programmeCourses(k.db, tid, programmeId),
    programmeFigures(k.db, tid, programmeId, { ...period, timeZone: DISPLAY_TIME_ZONE }, { funder: q.funder || undefined, userId }),
    fundersOfProgramme(k.db, tid, programmeId),
  ]);
  const structures = new Map<string, Structure>(await Promise.all(courses.map(async (c) => [c.id, await loadStructure(k.db, tid, c.id)] as const)));
  const required = p.completion === "count" ? Math.min(p.required_count ?? courses.length, courses.length) : courses.length;
  const rows: ProgrammeReportRow[] = [];
  for (const f of figures) {
    let row = rows.at(-1);
    if (row?.userId !== f.user_id) {
      row = {
        userId: f.user_id,
        givenName: f.given_name,
        familyName: f.family_name,
        username: f.username,
        funder: f.funder,
        online: { seconds: 0, events: 0, visits: 0 },
        attendance: { sessions: 0, present: 0, absent: 0, excused: 0, presentMinutes: 0 },
        programme: { coursesCompleted: 0, required, courses: courses.length, completedAt: null },
        result: { percent: null, courses: 0 },
        courses: [],
      };
      rows.push(row);
    }
    if (!f.course_id) continue;
    const st = structures.get(f.course_id);
    const total = st && f.grades.length ? totalOf(st, f.grades, locale) : null;
    const c: ProgrammeCourseFigures = {
      courseId: f.course_id,
      title: f.course_title ?? "",
      enrolled: f.member_status !== null,
      online: { seconds: Math.round(f.online_seconds), events: f.events, visits: f.visits },
      attendance: { sessions: f.sessions, present: f.present, absent: f.absent, excused: f.excused, presentMinutes: Math.round(f.present_seconds / 60) },
      completion: { done: f.done, total: f.total, completedAt: f.completed_at ? new Date(f.completed_at).toISOString() : null },
      result: { percent: total ? total.total : null, text: total ? total.text : "" },
    };
    row.courses.push(c);
  }
  for (const row of rows) {
    const cs = row.courses;
    row.online = { seconds: sumBy(cs, (c) => c.online.seconds), events: sumBy(cs, (c) => c.online.events), visits: sumBy(cs, (c) => c.online.visits) };
    row.attendance = {
      sessions: sumBy(cs, (c) => c.attendance.sessions),
      present: sumBy(cs, (c) => c.attendance.present),
      absent: sumBy(cs, (c) => c.attendance.absent),
      excused: sumBy(cs, (c) => c.attendance.excused),
      presentMinutes: sumBy(cs, (c) => c.attendance.presentMinutes),
    };
    // the programme is completed when the required-th course is: the rule of the programme's page
    const dates = cs
      .map((c) => c.completion.completedAt)
      .filter((d): d is string => !!d)
      .sort();
    row.programme.coursesCompleted = dates.length;
    row.programme.completedAt = required > 0 && dates.length >= required ? dates[required - 1] : null;
    const results = cs.map((c) => c.result.percent).filter((x): x is number => x !== null);
    row.result = { percent: results.length ? sumBy(results, (x) => x) / results.length : null, courses: results.length };
  }
  return {
    programme: { id: p.id, title: p.title, completion: p.completion, required },
    courses: courses.map((c) => ({ id: c.id, title: c.title })),
    period,
    funder: q.funder || null,
    gapMinutes: GAP_MINUTES,
    funders,
    rows,
  };
}
