import type { Actor } from "../../../../kernel/auth/actor.ts";
import { forbidden } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { type CourseAccess, loadCourse } from "../../../courses/server/index.ts";
import { loadStructure, totalOf } from "../../../gradebook/server/index.ts";
import { DISPLAY_TIME_ZONE } from "../../../sessions/server/index.ts";
import { GAP_MINUTES, type Report, type ReportQuery, type ReportRow } from "../../shared/contract.ts";
import { fundersOf, learnerFigures } from "../repo.ts";

/** Funder reports show people's figures to those who answer for the training: the course's managers and the admins of its branch. */
export function requireReporter(a: CourseAccess) {
  if (!a.orgAdmin && !a.roles.includes("manager")) throw forbidden();
}

/** The report's rows (one learner's when `userId` is given): three queries whatever the number of learners. */
export async function buildReport(k: Kernel, actor: Actor, courseId: string, q: ReportQuery, locale: string, userId?: string): Promise<Report> {
  const a = await loadCourse(k.db, actor, courseId);
  requireReporter(a);
  const tid = a.course.tenant_id;
  const period = { from: q.from ?? null, to: q.to ?? null };
  const [figures, st, funders] = await Promise.all([
    learnerFigures(k.db, tid, courseId, { ...period, timeZone: DISPLAY_TIME_ZONE }, { funder: q.funder || undefined, userId }),
    loadStructure(k.db, tid, courseId),
    fundersOf(k.db, tid, courseId),
  ]);
  const rows: ReportRow[] = figures.map((f) => {
    const t = totalOf(st, f.grades, locale);
    return {
      userId: f.user_id,
      givenName: f.given_name,
      familyName: f.family_name,
      username: f.username,
      funder: f.funder,
      online: { seconds: Math.round(f.online_seconds), events: f.events, visits: f.visits },
      attendance: { sessions: f.sessions, present: f.present, absent: f.absent, excused: f.excused, presentMinutes: Math.round(f.present_seconds / 60) },
      completion: { done: f.done, total: f.total, completedAt: f.completed_at ? new Date(f.completed_at).toISOString() : null },
      result: { percent: f.grades.length ? t.total : null, text: f.grades.length ? t.text : "" },
    };
  });
  return { course: { id: a.course.id, title: a.course.title }, period, funder: q.funder || null, gapMinutes: GAP_MINUTES, funders, rows };
}
