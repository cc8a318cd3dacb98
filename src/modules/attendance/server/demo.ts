import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { addDays, mondayOf, todayIn } from "../shared/week.ts";

type DemoClass = { id: string; teacherId: string; pupilIds: string[] };

const SUBJECTS = [
  { code: "MATH", name: "Mathématiques", color: "#2563eb" },
  { code: "FRA", name: "Français", color: "#dc2626" },
  { code: "HG", name: "Histoire-géographie", color: "#ca8a04" },
  { code: "ANG", name: "Anglais", color: "#16a34a" },
  { code: "SVT", name: "Sciences de la vie et de la Terre", color: "#0891b2" },
  { code: "EPS", name: "Éducation physique et sportive", color: "#9333ea" },
];
/** A week: [weekday, start, end, subject, weeks] — the same grid for every class, rooms by class. */
const GRID: [number, string, string, string, "all" | "A" | "B"][] = [
  [1, "08:30", "09:25", "MATH", "all"],
  [1, "09:30", "10:25", "FRA", "all"],
  [1, "10:40", "11:35", "HG", "all"],
  [1, "13:30", "14:25", "ANG", "all"],
  [2, "08:30", "09:25", "FRA", "all"],
  [2, "09:30", "10:25", "SVT", "A"],
  [2, "09:30", "10:25", "HG", "B"],
  [2, "14:00", "15:55", "EPS", "all"],
  [3, "08:30", "09:25", "ANG", "all"],
  [3, "09:30", "10:25", "MATH", "all"],
  [4, "08:30", "09:25", "HG", "all"],
  [4, "10:40", "11:35", "MATH", "all"],
  [4, "13:30", "14:25", "FRA", "all"],
  [5, "08:30", "09:25", "SVT", "all"],
  [5, "09:30", "10:25", "ANG", "all"],
  [5, "10:40", "11:35", "FRA", "all"],
];

/**
 * Demo timetables: the platform's usual subjects (those missing), the same weekly grid for each
 * class taught by its teacher, and last week's roll calls with a few absences — one justified by
 * a parent and waiting for the school-life office, one accepted, one to justify — and a lateness.
 */
export async function loadAttendanceDemo(k: Kernel, o: { tenantId: string; createdBy: string; classes: DemoClass[] }) {
  const tid = o.tenantId;
  const have = await k.db.selectFrom("school_subjects").select(["id", "code"]).where("tenant_id", "=", tid).execute();
  const subjects = new Map(have.map((s) => [s.code, s.id]));
  const missing = SUBJECTS.filter((s) => !subjects.has(s.code)).map((s) => ({ ...s, tenant_id: tid, id: newId() }));
  if (missing.length) await k.db.insertInto("school_subjects").values(missing).execute();
  for (const s of missing) subjects.set(s.code, s.id);
  const monday = addDays(mondayOf(todayIn(k.config.TIME_ZONE)), -7);
  for (const [n, c] of o.classes.entries()) {
    const lessons = GRID.map(([weekday, start, end, code, weeks]) => ({
      tenant_id: tid,
      id: newId(),
      class_id: c.id,
      subject_id: subjects.get(code)!,
      teacher_id: c.teacherId,
      room: code === "EPS" ? "Gymnase" : `Salle ${101 + n}`,
      weekday,
      starts_at: start,
      ends_at: end,
      weeks,
      created_by: o.createdBy,
    }));
    await k.db
      .insertInto("attendance_lessons")
      .values(lessons)
      .onConflict((oc) => oc.doNothing())
      .execute();
    // last Monday's first two lessons were called: pupils 1 and 2 absent, pupil 3 late
    const called = lessons.filter((l) => l.weekday === 1).slice(0, 2);
    await k.db
      .insertInto("attendance_rolls")
      .values(called.map((l) => ({ tenant_id: tid, id: newId(), lesson_id: l.id, day: monday, taken_by: c.teacherId, updated_by: c.teacherId })))
      .execute();
    const [a, b, late] = c.pupilIds;
    // the justification was sent by the first pupil's parent, if they have one
    const parent = a
      ? await k.db.selectFrom("school_guardians").select("parent_id").where("tenant_id", "=", tid).where("child_id", "=", a).executeTakeFirst()
      : undefined;
    const marks = called.flatMap((l) =>
      [
        ...(a ? [{ pupil: a, status: "absent" as const, justification: n === 0 ? ("pending" as const) : ("accepted" as const) }] : []),
        ...(b ? [{ pupil: b, status: "absent" as const, justification: "none" as const }] : []),
        ...(late && l === called[0] ? [{ pupil: late, status: "late" as const, justification: "none" as const }] : []),
      ].map((m) => ({ ...m, lesson: l.id })),
    );
    if (marks.length)
      await k.db
        .insertInto("attendance_marks")
        .values(
          marks.map((m) => ({
            tenant_id: tid,
            id: newId(),
            lesson_id: m.lesson,
            day: monday,
            pupil_id: m.pupil,
            status: m.status,
            late_minutes: m.status === "late" ? 10 : null,
            recorded_by: c.teacherId,
            justification: m.justification,
            reason: m.justification === "none" ? null : ("illness" as const),
            reason_note: m.justification === "none" ? null : "Fièvre, certificat médical à suivre.",
            justified_by: m.justification === "none" ? null : (parent?.parent_id ?? null),
            justified_at: m.justification === "none" ? null : new Date(),
            decided_by: m.justification === "accepted" ? o.createdBy : null,
            decided_at: m.justification === "accepted" ? new Date() : null,
          })),
        )
        .execute();
  }
}
