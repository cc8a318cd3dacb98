import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadVisibleClass, managesPath, placesOf, staffOver } from "../../../school/server/index.ts";
import type { Occurrence } from "../../shared/contract.ts";
import { addDays, mondayOf, occursOn, todayIn, weekLetter } from "../../shared/week.ts";
import { loadVisiblePupil } from "../access.ts";
import { lessonsBetween, presentLesson, rollsBetween, slotOf } from "../repo.ts";

type Query = { start?: string; classId?: string; teacherId?: string; pupilId?: string };

/**
 * A week of lessons for a class, a teacher or a pupil, each occurrence with its roll call once
 * taken (and, on a pupil's week, the pupil's mark): three statements after the access check.
 */
export async function getWeek(k: Kernel, actor: Actor, q: Query) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  // "today" is the platform's, not the browser's: a roll call opened just after midnight is today's
  const today = todayIn(k.config.TIME_ZONE);
  const start = mondayOf(q.start ?? today);
  const end = addDays(start, 6);
  let who: { classIds?: string[]; teacherId?: string };
  let pupilId: string | null = null;
  let canManage = false;
  if (q.classId) {
    const c = await loadVisibleClass(k, actor, q.classId);
    who = { classIds: [c.id] };
    canManage = managesPath(actor, c.path);
  } else if (q.teacherId && q.teacherId !== actor.userId) {
    // a colleague's week: for staff and admins over one of the places the teacher works in
    const places = await placesOf(k.db, tid, q.teacherId);
    if (!places.some((p) => p.role === "teacher" && staffOver(actor, p.path))) throw notFound();
    who = { teacherId: q.teacherId };
  } else if (q.pupilId) {
    const pupil = await loadVisiblePupil(k, actor, q.pupilId);
    who = { classIds: pupil.classIds };
    pupilId = pupil.id;
  } else if (actor.profile === "learner" && !q.teacherId) {
    who = { classIds: actor.grants.filter((g) => g.role === "learner").map((g) => g.orgId) };
    pupilId = actor.userId;
  } else who = { teacherId: actor.userId };

  const lessons = who.classIds?.length === 0 ? [] : await lessonsBetween(k.db, tid, who, start, end);
  const rolls = await rollsBetween(
    k.db,
    tid,
    lessons.map((l) => l.id),
    start,
    end,
  );
  const marks =
    pupilId && lessons.length
      ? await k.db
          .selectFrom("attendance_marks")
          .select(["lesson_id", sql<string>`day::text`.as("day"), "status", "late_minutes", "justification"])
          .where("tenant_id", "=", tid)
          .where("pupil_id", "=", pupilId)
          .where("day", ">=", start)
          .where("day", "<=", end)
          .execute()
      : [];
  const items: Occurrence[] = [];
  for (let i = 0; i < 7; i++) {
    const day = addDays(start, i);
    for (const l of lessons) {
      if (!occursOn(slotOf(l), day)) continue;
      const roll = rolls.find((r) => r.lesson_id === l.id && r.day === day);
      const mark = marks.find((m) => m.lesson_id === l.id && m.day === day);
      items.push({
        day,
        lesson: presentLesson(l),
        roll: roll ? { takenAt: new Date(roll.taken_at).toISOString(), absent: roll.absent, late: roll.late } : null,
        mark: mark ? { status: mark.status, lateMinutes: mark.late_minutes, justification: mark.justification } : null,
        canCall: l.teacher_id === actor.userId || staffOver(actor, l.class_path),
      });
    }
  }
  return { start, today, weekLetter: weekLetter(start), items, canManage };
}
