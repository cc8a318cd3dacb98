import { sql } from "kysely";
import { type Actor, authorize, type UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, type FieldErrors, forbidden, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { pupilsOf, staffOver } from "../../../school/server/index.ts";
import type { Roll, RollPupil } from "../../shared/contract.ts";
import { occursOn, todayIn } from "../../shared/week.ts";
import { followsClass } from "../access.ts";
import { noticeAbsences } from "../notices.ts";
import { getLesson, type LessonRow, presentLesson, slotOf } from "../repo.ts";

type MarkInput = { pupilId: string; status: "absent" | "late" | "excluded"; lateMinutes?: number | null };

/**
 * The lesson's teacher, or staff and admins over its class, call the roll; other teachers of the
 * class and its pupils get 403, anyone else 404. The teacher may change it on the day itself only,
 * staff any past day (a late note from the office); nobody calls a day to come.
 */
async function loadCallable(k: Kernel, actor: UserActor, id: string, day: string) {
  const l = await getLesson(k.db, actor.tenant.id, id);
  if (!l) throw notFound();
  const staff = staffOver(actor, l.class_path);
  if (l.teacher_id !== actor.userId && !staff) {
    if (followsClass(actor, l.class_path) || actor.grants.some((g) => g.orgId === l.class_id)) throw forbidden();
    throw notFound();
  }
  if (!occursOn(slotOf(l), day)) throw new AppError("attendance.no_lesson_that_day", {}, undefined, 404);
  const today = todayIn(k.config.TIME_ZONE);
  return { l, today, canEdit: day <= today && (staff || day === today) };
}

/** The class's pupils with their marks, and who took the roll: three statements. */
async function readRoll(k: Kernel, tenantId: string, l: LessonRow, day: string, canEdit: boolean): Promise<Roll> {
  const pupils = await pupilsOf(k.db, tenantId, l.class_id);
  const roll = await k.db
    .selectFrom("attendance_rolls as r")
    .innerJoin("users as t", (j) => j.onRef("t.tenant_id", "=", "r.tenant_id").onRef("t.id", "=", "r.taken_by"))
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "r.tenant_id").onRef("u.id", "=", "r.updated_by"))
    .select([
      sql<string>`t.given_name || ' ' || t.family_name`.as("taken_by"),
      "r.taken_at",
      sql<string>`u.given_name || ' ' || u.family_name`.as("updated_by"),
      "r.updated_at",
    ])
    .where("r.tenant_id", "=", tenantId)
    .where("r.lesson_id", "=", l.id)
    .where("r.day", "=", day)
    .executeTakeFirst();
  // marks of pupils who have left the class since stay listed
  const marks = await k.db
    .selectFrom("attendance_marks as m")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "m.tenant_id").onRef("u.id", "=", "m.pupil_id"))
    .select(["m.pupil_id", "u.given_name", "u.family_name", "m.status", "m.late_minutes", "m.justification"])
    .where("m.tenant_id", "=", tenantId)
    .where("m.lesson_id", "=", l.id)
    .where("m.day", "=", day)
    .execute();
  const list: RollPupil[] = pupils.map((p) => {
    const m = marks.find((x) => x.pupil_id === p.id);
    return {
      id: p.id,
      name: `${p.given_name} ${p.family_name}`,
      status: m?.status ?? "present",
      lateMinutes: m?.late_minutes ?? null,
      justification: m?.justification ?? "none",
    };
  });
  for (const m of marks)
    if (!pupils.some((p) => p.id === m.pupil_id))
      list.push({ id: m.pupil_id, name: `${m.given_name} ${m.family_name}`, status: m.status, lateMinutes: m.late_minutes, justification: m.justification });
  return {
    day,
    lesson: presentLesson(l),
    pupils: list,
    taken: roll
      ? { by: roll.taken_by, at: new Date(roll.taken_at).toISOString(), updatedBy: roll.updated_by, updatedAt: new Date(roll.updated_at).toISOString() }
      : null,
    canEdit,
  };
}

export async function getRoll(k: Kernel, actor: Actor, id: string, day: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const { l, canEdit } = await loadCallable(k, actor, id, day);
  return readRoll(k, actor.tenant.id, l, day, canEdit);
}

/**
 * Takes or corrects a roll call in one transaction: pupils not listed are present (their marks
 * go), changed marks are recorded with who and when, unchanged ones keep their history and any
 * justification. Parents of pupils newly marked absent are told (in the app and by mail).
 */
export async function saveRoll(k: Kernel, actor: Actor, id: string, day: string, input: { marks: MarkInput[] }) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  const { l, today, canEdit } = await loadCallable(k, actor, id, day);
  if (!canEdit) throw day > today ? new AppError("attendance.roll_future", {}, undefined, 422) : new AppError("attendance.roll_closed", {}, undefined, 403);
  const pupils = new Set((await pupilsOf(k.db, tid, l.class_id)).map((p) => p.id));
  const fields: FieldErrors = {};
  const seen = new Set<string>();
  input.marks.forEach((m, i) => {
    if (!pupils.has(m.pupilId)) fields[`marks.${i}.pupilId`] = { code: "attendance.not_in_class" };
    else if (seen.has(m.pupilId)) fields[`marks.${i}.pupilId`] = { code: "attendance.pupil_twice" };
    if (m.status === "late" && !m.lateMinutes) fields[`marks.${i}.lateMinutes`] = { code: "field.required" };
    seen.add(m.pupilId);
  });
  if (Object.keys(fields).length) throw new AppError("validation", {}, fields);

  const newlyAbsent = await k.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("attendance_rolls")
      .values({ tenant_id: tid, id: newId(), lesson_id: l.id, day, taken_by: actor.userId, updated_by: actor.userId })
      .onConflict((oc) => oc.columns(["tenant_id", "lesson_id", "day"]).doUpdateSet({ updated_by: actor.userId, updated_at: new Date() }))
      .execute();
    const before = await trx
      .selectFrom("attendance_marks")
      .select(["pupil_id", "status", "late_minutes"])
      .where("tenant_id", "=", tid)
      .where("lesson_id", "=", l.id)
      .where("day", "=", day)
      .execute();
    const present = before.filter((b) => !seen.has(b.pupil_id)).map((b) => b.pupil_id);
    if (present.length)
      await trx
        .deleteFrom("attendance_marks")
        .where("tenant_id", "=", tid)
        .where("lesson_id", "=", l.id)
        .where("day", "=", day)
        .where("pupil_id", "in", present)
        .execute();
    const changed = input.marks.filter((m) => {
      const b = before.find((x) => x.pupil_id === m.pupilId);
      return !b || b.status !== m.status || b.late_minutes !== (m.status === "late" ? m.lateMinutes! : null);
    });
    if (changed.length === 0) return [];
    const rows = await trx
      .insertInto("attendance_marks")
      .values(
        changed.map((m) => ({
          tenant_id: tid,
          id: newId(),
          lesson_id: l.id,
          day,
          pupil_id: m.pupilId,
          status: m.status,
          late_minutes: m.status === "late" ? m.lateMinutes! : null,
          recorded_by: actor.userId,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["tenant_id", "lesson_id", "day", "pupil_id"]).doUpdateSet({
          status: (eb) => eb.ref("excluded.status"),
          late_minutes: (eb) => eb.ref("excluded.late_minutes"),
          recorded_by: actor.userId,
          recorded_at: new Date(),
        }),
      )
      .returning(["id", "pupil_id", "status"])
      .execute();
    return rows.filter((r) => r.status === "absent" && before.find((b) => b.pupil_id === r.pupil_id)?.status !== "absent").map((r) => r.id);
  });
  await noticeAbsences(k, tid, newlyAbsent);
  k.record({
    tenantId: tid,
    actorId: actor.userId,
    verb: "called",
    objectType: "attendance-roll",
    objectId: l.id,
    context: { day, absent: input.marks.filter((m) => m.status === "absent").length, late: input.marks.filter((m) => m.status === "late").length },
  });
  return readRoll(k, tid, l, day, canEdit);
}
