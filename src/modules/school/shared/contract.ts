import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";
import { RichTextDoc } from "../../../kernel/richtext/schema.ts";
import { USERNAME } from "../../accounts/shared/contract.ts";

/**
 * School workspace: classes (organisation nodes of kind 'class'), the platform's subjects, who
 * teaches which subject in which class, and parents linked to their children (CSV import or an
 * emailed invitation). CSV imports go as multipart/form-data with a `file` part and an `orgId`
 * field, like the people import; the check is a dry run, the import is all or nothing.
 */
const id = z.object({ id: z.uuid() });
const ok = z.object({ ok: z.literal(true) });
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/)
  .transform((s) => s.toLowerCase());

export const Subject = z.object({ id: z.uuid(), code: z.string(), name: z.string(), color: z.string(), archived: z.boolean() });
export type Subject = z.infer<typeof Subject>;

export const Person = z.object({ id: z.uuid(), name: z.string() });
export const Teaching = z.object({ id: z.uuid(), subject: Subject, teacher: Person });
export type Teaching = z.infer<typeof Teaching>;

export const ClassSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  code: z.string().nullable(),
  /** the node above the class (the school), for grouping */
  parentName: z.string().nullable(),
  pupils: z.number().int(),
  teachings: z.array(Teaching),
  canManage: z.boolean(),
});
export type ClassSummary = z.infer<typeof ClassSummary>;

export const Pupil = z.object({
  id: z.uuid(),
  name: z.string(),
  username: z.string(),
  parents: z.array(Person.extend({ linkId: z.uuid() })),
  pendingInvitations: z.number().int(),
});
export type Pupil = z.infer<typeof Pupil>;

export const ClassDetail = ClassSummary.extend({ pupils: z.number().int(), pupilList: z.array(Pupil).nullable() });
export type ClassDetail = z.infer<typeof ClassDetail>;

export const listClasses = defineContract({
  method: "GET",
  path: "/api/v1/school/classes",
  summary: "Classes I may see, with their subjects and teachers: those I administer or staff, teach, belong to, or where my children are",
  tags: ["school"],
  response: z.object({ items: z.array(ClassSummary) }),
});

export const getClass = defineContract({
  method: "GET",
  path: "/api/v1/school/classes/:id",
  summary: "One class; its pupils and their parents for the class's admins, staff and teachers",
  tags: ["school"],
  params: id,
  response: ClassDetail,
});

export const listSubjects = defineContract({
  method: "GET",
  path: "/api/v1/school/subjects",
  summary: "The platform's subjects",
  tags: ["school"],
  response: z.object({ items: z.array(Subject), canManage: z.boolean() }),
});

const subjectBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,20}$/),
  name: z.string().trim().min(1).max(120),
  color,
});

export const createSubject = defineContract({
  method: "POST",
  path: "/api/v1/school/subjects",
  summary: "Add a subject to the platform (platform admins)",
  tags: ["school"],
  body: subjectBody,
  response: Subject,
});

export const updateSubject = defineContract({
  method: "PATCH",
  path: "/api/v1/school/subjects/:id",
  summary: "Rename, recode, recolour or archive a subject (platform admins)",
  tags: ["school"],
  params: id,
  body: subjectBody.partial().extend({ archived: z.boolean().optional() }),
  response: Subject,
});

export const addTeaching = defineContract({
  method: "POST",
  path: "/api/v1/school/classes/:id/teachings",
  summary: "Assign a teacher to a subject in a class (admins of the class); the teacher is placed on the class",
  tags: ["school"],
  params: id,
  body: z.object({ subjectId: z.uuid(), teacherId: z.uuid() }),
  response: Teaching,
});

export const removeTeaching = defineContract({
  method: "DELETE",
  path: "/api/v1/school/teachings/:id",
  summary: "Withdraw a teacher from a subject in a class (admins of the class)",
  tags: ["school"],
  params: id,
  response: ok,
});

export const ImportRowError = z.object({ line: z.number().int(), column: z.string(), code: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportRow = z.object({ line: z.number().int(), cells: z.array(z.string()) });
export const SchoolImportReport = z.object({
  kind: z.enum(["teachings", "guardians"]),
  rows: z.number().int(),
  errors: z.array(ImportRowError),
  /** what importing would create, per kind: classes and subjects, or links */
  newClasses: z.array(z.string()),
  newSubjects: z.array(z.string()),
  /** the good rows, in the file's order (first 50) */
  preview: z.array(ImportRow),
  created: z.number().int(),
});
export type SchoolImportReport = z.infer<typeof SchoolImportReport>;

export const IMPORT_KINDS = ["teachings", "guardians"] as const;
const kindParam = z.object({ kind: z.enum(IMPORT_KINDS) });

export const checkSchoolImport = defineContract({
  method: "POST",
  path: "/api/v1/school/imports/:kind/check",
  summary:
    "Dry run of a CSV import (teachings: class;subject;subject_name;colour;teacher — guardians: parent;child): every bad row with line, column and reason; imports nothing",
  tags: ["school"],
  params: kindParam,
  response: SchoolImportReport,
});

export const runSchoolImport = defineContract({
  method: "POST",
  path: "/api/v1/school/imports/:kind",
  summary: "Import a CSV of teachings or parent–child links, all or nothing: refused (422, report in error.details) if any row is bad",
  tags: ["school"],
  params: kindParam,
  response: SchoolImportReport,
});

export const Child = z.object({
  id: z.uuid(),
  name: z.string(),
  classes: z.array(z.object({ id: z.uuid(), name: z.string(), teachings: z.array(Teaching) })),
});
export type Child = z.infer<typeof Child>;

export const listChildren = defineContract({
  method: "GET",
  path: "/api/v1/school/children",
  summary: "My children (parents), their classes, subjects and teachers",
  tags: ["school"],
  response: z.object({ items: z.array(Child) }),
});

export const unlinkGuardian = defineContract({
  method: "DELETE",
  path: "/api/v1/school/guardians/:id",
  summary: "Remove a parent–child link (admins over the child)",
  tags: ["school"],
  params: id,
  response: ok,
});

export const inviteParent = defineContract({
  method: "POST",
  path: "/api/v1/school/pupils/:id/invitations",
  summary: "Mail a parent a signed link, valid 14 days, to link their account to this pupil or create one (admins over the pupil)",
  tags: ["school"],
  params: id,
  body: z.object({ email: z.email().max(254), givenName: z.string().trim().min(1).max(100), familyName: z.string().trim().min(1).max(100) }),
  response: z.object({ id: z.uuid(), expiresAt: z.string() }),
});

export const Invitation = z.object({
  status: z.enum(["valid", "expired", "used"]),
  childName: z.string(),
  email: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  expiresAt: z.string(),
  /** an account already uses the invited address: the parent signs in to it, then accepts */
  accountExists: z.boolean(),
});
export type Invitation = z.infer<typeof Invitation>;

const token = z.object({ token: z.string().min(10).max(300) });

export const getInvitation = defineContract({
  method: "GET",
  path: "/api/v1/school/invitations/:token",
  summary: "What a parent's invitation link offers (anyone holding the link); a forged or unknown link is 404",
  tags: ["school"],
  auth: false,
  params: token,
  response: Invitation,
});

export const acceptInvitation = defineContract({
  method: "POST",
  path: "/api/v1/school/invitations/:token/accept",
  summary:
    "Accept a parent's invitation: signed in as a parent, links that account; signed out, creates a parent account (username, names, password) with the invited address",
  tags: ["school"],
  auth: false,
  params: token,
  body: z.object({
    account: z
      .object({
        username: z.string().trim().toLowerCase().regex(USERNAME),
        givenName: z.string().trim().min(1).max(100),
        familyName: z.string().trim().min(1).max(100),
        password: z.string().min(10).max(200),
      })
      .optional(),
  }),
  response: z.object({ created: z.boolean(), username: z.string(), childName: z.string() }),
});

// ---- homework diary (cahier de textes) ----

const isoDay = z.iso.date();

export const DiaryEntry = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  className: z.string(),
  subject: Subject,
  author: Person,
  kind: z.enum(["lesson", "homework"]),
  day: z.string(),
  dueDate: z.string().nullable(),
  title: z.string(),
  /** the stored document (for editing; validated when written) and its sanitised HTML (for showing) */
  content: z.unknown(),
  contentHtml: z.string(),
  fileIds: z.array(z.uuid()),
  files: z.array(z.object({ id: z.uuid(), name: z.string(), size: z.number().int() })),
  workloadMinutes: z.number().int().nullable(),
  courseItemId: z.uuid().nullable(),
  quizId: z.uuid().nullable(),
  /** the course item or quiz the homework points at, to open it from the diary */
  link: z.object({ courseId: z.uuid(), itemId: z.uuid(), title: z.string(), kind: z.string() }).nullable(),
  canEdit: z.boolean(),
});
export type DiaryEntry = z.infer<typeof DiaryEntry>;

const entryBody = z.object({
  kind: z.enum(["lesson", "homework"]),
  subjectId: z.uuid(),
  day: isoDay,
  dueDate: isoDay.nullish(),
  title: z.string().trim().min(1).max(200),
  content: RichTextDoc,
  fileIds: z.array(z.uuid()).max(20).default([]),
  workloadMinutes: z.number().int().min(0).max(600).nullish(),
  courseItemId: z.uuid().nullish(),
  quizId: z.uuid().nullish(),
});

export const createDiaryEntry = defineContract({
  method: "POST",
  path: "/api/v1/school/classes/:id/diary",
  summary: "Write a lesson entry or set homework in a class, for a subject one teaches there (or as the class's admin)",
  tags: ["school"],
  params: id,
  body: entryBody,
  response: DiaryEntry,
});

export const updateDiaryEntry = defineContract({
  method: "PATCH",
  path: "/api/v1/school/diary/:id",
  summary: "Change an entry (its author or the class's admins)",
  tags: ["school"],
  params: id,
  body: entryBody,
  response: DiaryEntry,
});

export const deleteDiaryEntry = defineContract({
  method: "DELETE",
  path: "/api/v1/school/diary/:id",
  summary: "Delete an entry (its author or the class's admins)",
  tags: ["school"],
  params: id,
  response: ok,
});

export const LinkableCourse = z.object({
  id: z.uuid(),
  title: z.string(),
  items: z.array(z.object({ id: z.uuid(), title: z.string(), kind: z.string() })),
});
export type LinkableCourse = z.infer<typeof LinkableCourse>;

export const listLinkable = defineContract({
  method: "GET",
  path: "/api/v1/school/classes/:id/linkable",
  summary: "Course items and quizzes homework of this class may point at: those of the courses enrolling the class (its writers)",
  tags: ["school"],
  params: id,
  response: z.object({ items: z.array(LinkableCourse) }),
});

export const DiaryReader = z.object({ id: z.uuid(), org: Person, person: Person });
export type DiaryReader = z.infer<typeof DiaryReader>;

export const listDiaryReaders = defineContract({
  method: "GET",
  path: "/api/v1/school/diary-readers",
  summary: "Read-only diary grants (inspectors) on the nodes I administer",
  tags: ["school"],
  response: z.object({ items: z.array(DiaryReader) }),
});

export const addDiaryReader = defineContract({
  method: "POST",
  path: "/api/v1/school/diary-readers",
  summary: "Let a person (by username or email) read the homework diary of every class under a node I administer, and nothing else",
  tags: ["school"],
  body: z.object({ orgId: z.uuid(), login: z.string().trim().toLowerCase().min(2).max(254) }),
  response: DiaryReader,
});

export const removeDiaryReader = defineContract({
  method: "DELETE",
  path: "/api/v1/school/diary-readers/:id",
  summary: "Withdraw a read-only diary grant (admins over its node)",
  tags: ["school"],
  params: id,
  response: ok,
});

const week = z.object({ start: isoDay });

export const getClassDiary = defineContract({
  method: "GET",
  path: "/api/v1/school/classes/:id/diary",
  summary: "A class's diary for the week starting `start`: lessons of those days and homework due on them",
  tags: ["school"],
  params: id,
  query: week,
  response: z.object({ items: z.array(DiaryEntry), canWrite: z.boolean() }),
});

export const getMyWeek = defineContract({
  method: "GET",
  path: "/api/v1/school/diary/week",
  summary: "My week: a pupil's classes, a parent's children's classes, a teacher's planning (entries of the classes and subjects they teach)",
  tags: ["school"],
  query: week,
  response: z.object({ items: z.array(DiaryEntry) }),
});

export const WorkloadDay = z.object({ date: z.string(), minutes: z.number().int(), homework: z.number().int(), overloaded: z.boolean() });
export const getWorkload = defineContract({
  method: "GET",
  path: "/api/v1/school/classes/:id/workload",
  summary: "Homework workload of a class per day of the week starting `start`, with the platform's overload threshold",
  tags: ["school"],
  params: id,
  query: week,
  response: z.object({ threshold: z.number().int(), days: z.array(WorkloadDay) }),
});

export const getSchoolSettings = defineContract({
  method: "GET",
  path: "/api/v1/school/settings",
  summary: "The platform's school settings (overload threshold in minutes of homework per day)",
  tags: ["school"],
  response: z.object({ overloadMinutes: z.number().int(), canManage: z.boolean() }),
});

export const updateSchoolSettings = defineContract({
  method: "PUT",
  path: "/api/v1/school/settings",
  summary: "Set the platform's school settings (platform admins)",
  tags: ["school"],
  body: z.object({ overloadMinutes: z.number().int().min(15).max(1440) }),
  response: z.object({ overloadMinutes: z.number().int(), canManage: z.boolean() }),
});

// ---- the school day (the home page's school part) ----

/** Something a pupil has to do by a date: homework from the diary, an assignment or a quiz of a course. */
export const DueItem = z.object({
  kind: z.enum(["homework", "assignment", "quiz"]),
  title: z.string(),
  /** a day (homework) or an instant (course deadlines) */
  dueAt: z.string(),
  courseId: z.uuid().nullable(),
  courseTitle: z.string().nullable(),
  itemId: z.uuid().nullable(),
  entry: DiaryEntry.nullable(),
});
export type DueItem = z.infer<typeof DueItem>;

export const DayPupil = z.object({
  id: z.uuid(),
  name: z.string(),
  classes: z.array(Person),
  due: z.array(DueItem),
  /** the diary entries last written in the pupil's classes, newest first */
  latest: z.array(DiaryEntry),
});
export type DayPupil = z.infer<typeof DayPupil>;

export const ToGrade = z.object({
  courseId: z.uuid(),
  courseTitle: z.string(),
  itemId: z.uuid(),
  title: z.string(),
  kind: z.enum(["assignment", "quiz"]),
  count: z.number().int(),
});

export const getSchoolDay = defineContract({
  method: "GET",
  path: "/api/v1/school/day",
  summary:
    "My school day for the home page: what is due and the latest diary entries (mine as a pupil, each child's as a parent), as a teacher my classes, the diary entries to write this week and the work to grade; unread messages and announcements",
  tags: ["school"],
  query: z.object({ today: isoDay.optional() }),
  response: z.object({
    pupils: z.array(DayPupil),
    teaching: z
      .object({
        classes: z.array(Person.extend({ subjects: z.array(Subject) })),
        /** the classes and subjects I teach with no entry of mine in the last 7 days */
        toWrite: z.array(z.object({ classId: z.uuid(), className: z.string(), subject: Subject })),
        toGrade: z.array(ToGrade),
      })
      .nullable(),
    unreadMessages: z.number().int(),
    announcements: z.array(z.object({ threadId: z.uuid(), title: z.string(), forumTitle: z.string(), at: z.string() })),
  }),
});
export type SchoolDayData = z.infer<typeof getSchoolDay.response>;
