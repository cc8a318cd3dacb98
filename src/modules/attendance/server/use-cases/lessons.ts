import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError, type FieldErrors, forbidden, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadVisibleClass, managesPath } from "../../../school/server/index.ts";
import { addDays, todayIn } from "../../shared/week.ts";
import { getLesson, presentLesson } from "../repo.ts";

type LessonInput = {
  subjectId: string;
  teacherId: string;
  room?: string | null;
  weekday: number;
  startsAt: string;
  endsAt: string;
  weeks: "all" | "A" | "B";
  firstDay?: string | null;
  lastDay?: string | null;
};

const TEACHING = ["teacher", "staff", "admin"] as const;

/** Admins of a class add a weekly lesson: a subject of the platform, someone who teaches, times in order. */
export async function createLesson(k: Kernel, actor: Actor, classId: string, input: LessonInput) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  const c = await loadVisibleClass(k, actor, classId);
  if (!managesPath(actor, c.path)) throw forbidden();
  const fields: FieldErrors = {};
  if (input.endsAt <= input.startsAt) fields.endsAt = { code: "attendance.ends_before_start" };
  if (input.firstDay && input.lastDay && input.lastDay < input.firstDay) fields.lastDay = { code: "attendance.period_reversed" };
  const subject = await k.db
    .selectFrom("school_subjects")
    .select("archived_at")
    .where("tenant_id", "=", tid)
    .where("id", "=", input.subjectId)
    .executeTakeFirst();
  if (!subject || subject.archived_at) fields.subjectId = { code: "school.subject_unknown" };
  const teacher = await k.db
    .selectFrom("users")
    .select("id")
    .where("tenant_id", "=", tid)
    .where("id", "=", input.teacherId)
    .where("status", "=", "active")
    .where("profile", "in", TEACHING)
    .executeTakeFirst();
  if (!teacher) fields.teacherId = { code: "attendance.teacher_unknown" };
  if (Object.keys(fields).length) throw new AppError("validation", {}, fields);
  const id = newId();
  const r = await k.db
    .insertInto("attendance_lessons")
    .values({
      tenant_id: tid,
      id,
      class_id: c.id,
      subject_id: input.subjectId,
      teacher_id: input.teacherId,
      room: input.room || null,
      weekday: input.weekday,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      weeks: input.weeks,
      first_day: input.firstDay ?? null,
      last_day: input.lastDay ?? null,
      created_by: actor.userId,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0n) === 0) throw new AppError("attendance.lesson_exists", {}, undefined, 409);
  k.record({ tenantId: tid, actorId: actor.userId, verb: "created", objectType: "attendance-lesson", objectId: id, context: { classId } });
  return presentLesson((await getLesson(k.db, tid, id))!);
}

/** Admins of the class remove a lesson; one with roll calls ends yesterday instead, so its history stays. */
export async function deleteLesson(k: Kernel, actor: Actor, id: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  const l = await getLesson(k.db, tid, id);
  if (!l) throw notFound();
  await loadVisibleClass(k, actor, l.class_id);
  if (!managesPath(actor, l.class_path)) throw forbidden();
  const called = await k.db
    .selectFrom("attendance_rolls")
    .select(sql<string | null>`max(day)::text`.as("last"))
    .where("tenant_id", "=", tid)
    .where("lesson_id", "=", id)
    .executeTakeFirst();
  if (called?.last) {
    // the day of its last roll call if that is today, yesterday otherwise
    const yesterday = addDays(todayIn(k.config.TIME_ZONE), -1);
    const last = called.last > yesterday ? called.last : yesterday;
    await k.db.updateTable("attendance_lessons").set({ last_day: last }).where("tenant_id", "=", tid).where("id", "=", id).execute();
  } else await k.db.deleteFrom("attendance_lessons").where("tenant_id", "=", tid).where("id", "=", id).execute();
  k.record({ tenantId: tid, actorId: actor.userId, verb: "deleted", objectType: "attendance-lesson", objectId: id });
  return { ok: true as const };
}
