import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";
import { ImportRow, ImportRowError, Person, Subject } from "../../school/shared/contract.ts";

/**
 * Attendance and school life: the timetable of each class (weekly lessons, imported from CSV or
 * iCalendar), the roll call of each lesson's occurrence, absences justified by parents and decided
 * by school-life staff, and counts per pupil, class and period. Times are the platform's wall-clock
 * times ("08:30"), days ISO dates.
 */
const id = z.object({ id: z.uuid() });
const isoDay = z.iso.date();
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const MARK_STATUSES = ["absent", "late", "excluded"] as const;
export const JUSTIFICATIONS = ["none", "pending", "accepted", "refused"] as const;
export const REASONS = ["illness", "medical", "family", "transport", "other"] as const;

const Named = z.object({ id: z.uuid(), name: z.string() });

export const Lesson = z.object({
  id: z.uuid(),
  class: Named,
  subject: Subject,
  teacher: Person,
  room: z.string().nullable(),
  weekday: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  weeks: z.enum(["all", "A", "B"]),
  firstDay: z.string().nullable(),
  lastDay: z.string().nullable(),
});
export type Lesson = z.infer<typeof Lesson>;

export const Occurrence = z.object({
  day: z.string(),
  lesson: Lesson,
  /** the roll call of this occurrence, once taken */
  roll: z.object({ takenAt: z.string(), absent: z.number().int(), late: z.number().int() }).nullable(),
  /** the pupil's mark at it, on a pupil's week */
  mark: z.object({ status: z.enum(MARK_STATUSES), lateMinutes: z.number().int().nullable(), justification: z.enum(JUSTIFICATIONS) }).nullable(),
  canCall: z.boolean(),
});
export type Occurrence = z.infer<typeof Occurrence>;

export const getWeek = defineContract({
  method: "GET",
  path: "/api/v1/attendance/week",
  summary:
    "The lessons of the week holding `start` (this week on the platform's calendar without it) for a class, a teacher or a pupil (a parent: one of their children); without one of them, my own (pupil, teacher)",
  tags: ["attendance"],
  query: z.object({ start: isoDay.optional(), classId: z.uuid().optional(), teacherId: z.uuid().optional(), pupilId: z.uuid().optional() }),
  response: z.object({ start: z.string(), today: z.string(), weekLetter: z.enum(["A", "B"]), items: z.array(Occurrence), canManage: z.boolean() }),
});

export const LessonBody = z.object({
  subjectId: z.uuid(),
  teacherId: z.uuid(),
  room: z.string().trim().max(60).nullish(),
  weekday: z.number().int().min(1).max(7),
  startsAt: time,
  endsAt: time,
  weeks: z.enum(["all", "A", "B"]).default("all"),
  firstDay: isoDay.nullish(),
  lastDay: isoDay.nullish(),
});

export const createLesson = defineContract({
  method: "POST",
  path: "/api/v1/attendance/classes/:id/lessons",
  summary: "Add a weekly lesson to a class's timetable (admins of the class)",
  tags: ["attendance"],
  params: id,
  body: LessonBody,
  response: Lesson,
});

export const deleteLesson = defineContract({
  method: "DELETE",
  path: "/api/v1/attendance/lessons/:id",
  summary: "Remove a lesson from the timetable (admins of the class); a lesson with a roll call ends yesterday instead, keeping its history",
  tags: ["attendance"],
  params: id,
  response: z.object({ ok: z.literal(true) }),
});

export const TimetableImportReport = z.object({
  format: z.enum(["csv", "ics"]),
  rows: z.number().int(),
  errors: z.array(ImportRowError),
  preview: z.array(ImportRow),
  lessons: z.number().int(),
  created: z.number().int(),
});
export type TimetableImportReport = z.infer<typeof TimetableImportReport>;
const formatParam = z.object({ format: z.enum(["csv", "ics"]) });

export const checkTimetableImport = defineContract({
  method: "POST",
  path: "/api/v1/attendance/imports/:format/check",
  summary:
    "Dry run of a timetable import, multipart `file` + `orgId` (CSV: class;subject;teacher;room;day;start;end;weeks;from;to under the node — iCalendar: the events of one class, recurring ones expanded): every bad row or event; imports nothing",
  tags: ["attendance"],
  params: formatParam,
  response: TimetableImportReport,
});

export const runTimetableImport = defineContract({
  method: "POST",
  path: "/api/v1/attendance/imports/:format",
  summary: "Import a timetable, all or nothing: refused (422, report in error.details) if any row is bad; lessons already there are not added twice",
  tags: ["attendance"],
  params: formatParam,
  response: TimetableImportReport,
});

export const RollPupil = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(["present", ...MARK_STATUSES]),
  lateMinutes: z.number().int().nullable(),
  justification: z.enum(JUSTIFICATIONS),
});
export type RollPupil = z.infer<typeof RollPupil>;

export const Roll = z.object({
  day: z.string(),
  lesson: Lesson,
  pupils: z.array(RollPupil),
  taken: z.object({ by: z.string(), at: z.string(), updatedBy: z.string(), updatedAt: z.string() }).nullable(),
  canEdit: z.boolean(),
});
export type Roll = z.infer<typeof Roll>;

const rollParams = z.object({ id: z.uuid(), day: isoDay });

export const getRoll = defineContract({
  method: "GET",
  path: "/api/v1/attendance/lessons/:id/roll/:day",
  summary: "The roll call of a lesson on a day: the class's pupils with their marks (the lesson's teacher, staff and admins of the class)",
  tags: ["attendance"],
  params: rollParams,
  response: Roll,
});

export const saveRoll = defineContract({
  method: "PUT",
  path: "/api/v1/attendance/lessons/:id/roll/:day",
  summary:
    "Take or correct the roll call (idempotent): pupils not listed are present. The lesson's teacher on the day itself; staff and admins of the class any past day. Parents of newly absent pupils are notified",
  tags: ["attendance"],
  params: rollParams,
  body: z.object({
    marks: z.array(z.object({ pupilId: z.uuid(), status: z.enum(MARK_STATUSES), lateMinutes: z.number().int().min(1).max(240).nullish() })).max(200),
  }),
  response: Roll,
});

export const Absence = z.object({
  id: z.uuid(),
  pupil: Named,
  class: Named,
  day: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  subject: Subject,
  status: z.enum(MARK_STATUSES),
  lateMinutes: z.number().int().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  justification: z.enum(JUSTIFICATIONS),
  reason: z.enum(REASONS).nullable(),
  reasonNote: z.string().nullable(),
  fileId: z.uuid().nullable(),
  justifiedBy: z.string().nullable(),
  justifiedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  canJustify: z.boolean(),
  canDecide: z.boolean(),
});
export type Absence = z.infer<typeof Absence>;

export const listAbsences = defineContract({
  method: "GET",
  path: "/api/v1/attendance/absences",
  summary:
    "Absences, lateness and exclusions, newest first (200 at most): of a pupil or a class I may see; without either, those I follow (a parent's children, a pupil's own, a teacher's classes, a staff member's school)",
  tags: ["attendance"],
  query: z.object({
    pupilId: z.uuid().optional(),
    classId: z.uuid().optional(),
    justification: z.enum(JUSTIFICATIONS).optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
  }),
  response: z.object({ items: z.array(Absence), canDecide: z.boolean() }),
});

export const justifyAbsence = defineContract({
  method: "POST",
  path: "/api/v1/attendance/absences/:id/justification",
  summary: "A parent justifies their child's absence or lateness: a reason, a note, an optional document (uploaded first as a `document` file)",
  tags: ["attendance"],
  params: id,
  body: z.object({ reason: z.enum(REASONS), note: z.string().trim().max(500).nullish(), fileId: z.uuid().nullish() }),
  response: Absence,
});

export const decideAbsence = defineContract({
  method: "POST",
  path: "/api/v1/attendance/absences/:id/decision",
  summary: "School-life staff (staff or admins over the class) accept or refuse a justification, with a comment; the parents are told",
  tags: ["attendance"],
  params: id,
  body: z.object({ accept: z.boolean(), comment: z.string().trim().max(500).nullish() }),
  response: Absence,
});

/** The counted columns, in the order pages and exports show them. */
export const COUNT_COLUMNS = ["absences", "justified", "unjustified", "pending", "halfDays", "lates", "lateMinutes", "exclusions"] as const;

export const PupilCounts = z.object({
  pupil: Named,
  class: Named,
  absences: z.number().int(),
  justified: z.number().int(),
  unjustified: z.number().int(),
  pending: z.number().int(),
  halfDays: z.number().int(),
  lates: z.number().int(),
  lateMinutes: z.number().int(),
  exclusions: z.number().int(),
});
export type PupilCounts = z.infer<typeof PupilCounts>;

export const countsQuery = z.object({ orgId: z.uuid().optional(), pupilId: z.uuid().optional(), from: isoDay, to: isoDay });

export const getCounts = defineContract({
  method: "GET",
  path: "/api/v1/attendance/counts",
  summary:
    "Counts per pupil from `from` to `to`, of a class or school node (its staff and admins, a class's teachers) or of one pupil (who may see them): absences justified, unjustified and pending, half-days missed, lateness, exclusions; with the totals. CSV at /api/v1/attendance/counts.csv",
  tags: ["attendance"],
  query: countsQuery,
  response: z.object({ items: z.array(PupilCounts), total: PupilCounts.omit({ pupil: true, class: true }) }),
});
