import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

const courseId = z.object({ id: z.uuid() });
const iso = z.iso.datetime({ offset: true });
const isoOut = z.string();

export const SELF_ENROL = ["closed", "open", "key", "approval"] as const;
export const MEMBER_ROLES = ["manager", "teacher", "assistant", "learner", "observer"] as const;
export const MEMBER_STATUSES = ["active", "pending", "unenrolled"] as const;
export const MEMBER_SOURCES = ["self", "teacher", "org", "csv", "creator", "copy", "programme", "federation"] as const;

/** Why an item cannot be opened yet. */
export const LockReason = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("after"), itemId: z.uuid(), itemTitle: z.string() }),
  z.object({ kind: z.literal("from"), from: isoOut }),
  z.object({ kind: z.literal("group"), orgId: z.uuid() }),
]);
export type LockReason = z.infer<typeof LockReason>;

/** An item's condition: open after another item is complete, from a date, for one group (node). */
export const ItemCondition = z
  .object({
    afterItemId: z.uuid().optional(),
    from: iso.optional(),
    groupOrgId: z.uuid().optional(),
  })
  .strict();
export type ItemCondition = z.infer<typeof ItemCondition>;

// ---------- self-enrolment ----------

export const EnrolmentState = z.object({
  courseId: z.uuid(),
  /** the actor's learner enrolment: none, pending approval, active, or left */
  status: z.enum(["none", "pending", "active", "unenrolled"]),
  selfEnrol: z.enum(SELF_ENROL),
  /** may the actor self-enrol now (method open, inside the dates, a seat left) */
  canSelfEnrol: z.boolean(),
  /** why not, when the method allows it but something else does not */
  blocked: z.enum(["closed", "not_yet", "ended", "full"]).nullable(),
  enrolFrom: isoOut.nullable(),
  enrolUntil: isoOut.nullable(),
  capacity: z.number().int().nullable(),
  activeLearners: z.number().int(),
  canTeach: z.boolean(),
});
export type EnrolmentState = z.infer<typeof EnrolmentState>;

export const getEnrolment = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/enrolment",
  summary: "My enrolment in a course and whether I may enrol myself",
  tags: ["enrolment"],
  params: courseId,
  response: EnrolmentState,
});

export const selfEnrol = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/enrolment",
  summary: "Enrol myself (open, with the course key, or asking for approval)",
  tags: ["enrolment"],
  params: courseId,
  body: z.object({ key: z.string().max(200).optional() }),
  response: EnrolmentState,
});

export const selfUnenrol = defineContract({
  method: "DELETE",
  path: "/api/v1/courses/:id/enrolment",
  summary: "Leave a course (my progress is kept) or withdraw a pending request",
  tags: ["enrolment"],
  params: courseId,
  response: EnrolmentState,
});

export const EnrolmentSettings = z.object({
  selfEnrol: z.enum(SELF_ENROL),
  hasKey: z.boolean(),
  enrolFrom: isoOut.nullable(),
  enrolUntil: isoOut.nullable(),
  capacity: z.number().int().nullable(),
});

export const getEnrolmentSettings = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/enrolment/settings",
  summary: "How people may enrol in a course",
  tags: ["enrolment"],
  params: courseId,
  response: EnrolmentSettings,
});

export const updateEnrolmentSettings = defineContract({
  method: "PATCH",
  path: "/api/v1/courses/:id/enrolment/settings",
  summary: "Change the self-enrolment method, key, dates and capacity",
  tags: ["enrolment"],
  params: courseId,
  body: z.object({
    selfEnrol: z.enum(SELF_ENROL).optional(),
    /** a new key (stored hashed); required when the method becomes 'key' and none is set */
    key: z.string().trim().min(4).max(200).optional(),
    enrolFrom: iso.nullable().optional(),
    enrolUntil: iso.nullable().optional(),
    capacity: z.number().int().min(1).max(100000).nullable().optional(),
  }),
  response: EnrolmentSettings,
});

// ---------- members ----------

export const Member = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  username: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  role: z.enum(MEMBER_ROLES),
  status: z.enum(MEMBER_STATUSES),
  source: z.enum(MEMBER_SOURCES),
  startsAt: isoOut.nullable(),
  endsAt: isoOut.nullable(),
  completedAt: isoOut.nullable(),
  createdAt: isoOut,
});
export type Member = z.infer<typeof Member>;

export const listMembers = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/members",
  summary: "The course's people by status (teachers and managers)",
  tags: ["enrolment"],
  params: courseId,
  query: z.object({
    status: z.enum(MEMBER_STATUSES).default("active"),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  }),
  response: z.object({
    items: z.array(Member),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    counts: z.object({ active: z.number().int(), pending: z.number().int(), unenrolled: z.number().int() }),
  }),
});

export const Candidate = z.object({ id: z.uuid(), username: z.string(), givenName: z.string(), familyName: z.string(), enrolled: z.boolean() });

export const searchCandidates = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/candidates",
  summary: "People of the course's branch to enrol, by name",
  tags: ["enrolment"],
  params: courseId,
  query: z.object({ q: z.string().trim().max(100).default("") }),
  response: z.object({ items: z.array(Candidate) }),
});

export const addMembers = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/members",
  summary: "Enrol people chosen by a teacher",
  tags: ["enrolment"],
  params: courseId,
  body: z.object({
    userIds: z.array(z.uuid()).min(1).max(500),
    role: z.enum(MEMBER_ROLES).default("learner"),
    startsAt: iso.nullable().optional(),
    endsAt: iso.nullable().optional(),
  }),
  response: z.object({ enrolled: z.number().int() }),
});

const memberParams = z.object({ id: z.uuid(), memberId: z.uuid() });

export const decideMember = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/members/:memberId/decision",
  summary: "Approve or refuse a pending enrolment request (the person is told by mail)",
  tags: ["enrolment"],
  params: memberParams,
  body: z.object({ approve: z.boolean() }),
  response: Member,
});

export const removeMember = defineContract({
  method: "DELETE",
  path: "/api/v1/courses/:id/members/:memberId",
  summary: "Unenrol someone: their history and progress are kept",
  tags: ["enrolment"],
  params: memberParams,
  response: Member,
});

// ---------- rules ----------

export const EnrolRule = z.object({ id: z.uuid(), orgId: z.uuid(), orgName: z.string(), learners: z.number().int() });

export const listRules = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/enrolment/rules",
  summary: "Organisation nodes whose learners are enrolled and kept in sync",
  tags: ["enrolment"],
  params: courseId,
  response: z.object({ items: z.array(EnrolRule) }),
});

export const addRule = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/enrolment/rules",
  summary: "Enrol all learners of a class or node (and its subtree), now and as people join or leave",
  tags: ["enrolment"],
  params: courseId,
  body: z.object({ orgId: z.uuid() }),
  response: EnrolRule,
});

export const removeRule = defineContract({
  method: "DELETE",
  path: "/api/v1/courses/:id/enrolment/rules/:ruleId",
  summary: "Remove a node rule: the learners it alone enrolled are unenrolled (history kept)",
  tags: ["enrolment"],
  params: z.object({ id: z.uuid(), ruleId: z.uuid() }),
  response: z.object({ ok: z.literal(true) }),
});

export const syncRules = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/enrolment/rules/sync",
  summary: "Re-apply the course's node rules now",
  tags: ["enrolment"],
  params: courseId,
  response: z.object({ enrolled: z.number().int(), unenrolled: z.number().int() }),
});

// ---------- CSV ----------

export const CsvRow = z.object({
  line: z.number().int(),
  login: z.string(),
  role: z.string(),
  /** what happens (or happened) to this row */
  outcome: z.enum(["enrol", "already", "restore", "error"]),
  error: z.string().nullable(),
  name: z.string().nullable(),
});

export const csvEnrol = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/members/csv",
  summary: "Enrol people from a CSV (columns username or email, and role); dryRun reports without changing anything",
  tags: ["enrolment"],
  params: courseId,
  body: z.object({ csv: z.string().min(1).max(1_500_000), dryRun: z.boolean().default(true) }),
  response: z.object({
    dryRun: z.boolean(),
    rows: z.array(CsvRow),
    counts: z.object({ enrol: z.number().int(), already: z.number().int(), restore: z.number().int(), error: z.number().int() }),
    applied: z.boolean(),
  }),
});

// ---------- completion ----------

export const ItemState = z.object({
  id: z.uuid(),
  completion: z.enum(["none", "viewed", "done", "graded"]),
  complete: z.boolean(),
  viewedAt: isoOut.nullable(),
  doneAt: isoOut.nullable(),
  available: z.boolean(),
  locked: LockReason.nullable(),
});
export type ItemState = z.infer<typeof ItemState>;

export const MyProgress = z.object({
  courseId: z.uuid(),
  enrolled: z.boolean(),
  percent: z.number().int(),
  completed: z.number().int(),
  total: z.number().int(),
  completedAt: isoOut.nullable(),
  items: z.array(ItemState),
});
export type MyProgress = z.infer<typeof MyProgress>;

export const getMyProgress = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/my-progress",
  summary: "My progress in a course: each item's completion and availability (locked items with their reason)",
  tags: ["completion"],
  params: courseId,
  response: MyProgress,
});

const itemParams = z.object({ id: z.uuid(), itemId: z.uuid() });

export const markDone = defineContract({
  method: "POST",
  path: "/api/v1/courses/:id/items/:itemId/done",
  summary: "Mark an item as done (idempotent)",
  tags: ["completion"],
  params: itemParams,
  response: MyProgress,
});

export const unmarkDone = defineContract({
  method: "DELETE",
  path: "/api/v1/courses/:id/items/:itemId/done",
  summary: "Undo 'mark as done' (idempotent)",
  tags: ["completion"],
  params: itemParams,
  response: MyProgress,
});

export const NextItem = z.object({
  courseId: z.uuid(),
  courseTitle: z.string(),
  percent: z.number().int(),
  item: z.object({ id: z.uuid(), title: z.string(), kind: z.string() }).nullable(),
  lastActivityAt: isoOut.nullable(),
});
export type NextItem = z.infer<typeof NextItem>;

export const whatsNext = defineContract({
  method: "GET",
  path: "/api/v1/me/next",
  summary: "For each course I follow, the next item to open, most recently active course first",
  tags: ["completion"],
  response: z.object({ items: z.array(NextItem) }),
});

export const progressTable = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/progress",
  summary: "Learners × items completion matrix, one page of learners at a time",
  tags: ["completion"],
  params: courseId,
  query: z.object({
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  }),
  response: z.object({
    items: z.array(z.object({ id: z.uuid(), title: z.string(), completion: z.enum(["viewed", "done", "graded"]) })),
    learners: z.array(
      z.object({
        userId: z.uuid(),
        username: z.string(),
        givenName: z.string(),
        familyName: z.string(),
        percent: z.number().int(),
        completedAt: isoOut.nullable(),
        /** one entry per item, in the order of `items`: completion time or null */
        cells: z.array(isoOut.nullable()),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
});

/** Not a JSON route: the CSV export of the progress table (for links). */
export const progressCsvPath = (courseId: string) => `/api/v1/courses/${courseId}/progress.csv`;

// ---------- programmes ----------

export const ProgrammeInput = z.object({
  orgId: z.uuid(),
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(5000).default(""),
  completion: z.enum(["all", "count"]).default("all"),
  requiredCount: z.number().int().min(1).max(1000).nullable().default(null),
  ordered: z.boolean().default(false),
  enrolInto: z.enum(["first", "all"]).default("all"),
  /** open: people of its branch may join it themselves */
  selfEnrol: z.boolean().default(false),
});

export const ProgrammeCourse = z.object({
  courseId: z.uuid(),
  title: z.string(),
  position: z.number().int(),
  /** for the person asking (learner view): their state in it */
  enrolled: z.boolean(),
  percent: z.number().int(),
  completed: z.boolean(),
  locked: z.boolean(),
});

export const Programme = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  title: z.string(),
  description: z.string(),
  completion: z.enum(["all", "count"]),
  requiredCount: z.number().int().nullable(),
  ordered: z.boolean(),
  enrolInto: z.enum(["first", "all"]),
  selfEnrol: z.boolean(),
  courses: z.array(ProgrammeCourse),
  members: z.number().int(),
  /** programme progress of the person asking (their completed courses / required) */
  percent: z.number().int(),
  completed: z.boolean(),
  canManage: z.boolean(),
  /** the person asking follows it */
  isMember: z.boolean(),
  /** open, in the person's branch, and not followed yet */
  canJoin: z.boolean(),
});
export type Programme = z.infer<typeof Programme>;

const progId = z.object({ id: z.uuid() });

export const listProgrammes = defineContract({
  method: "GET",
  path: "/api/v1/programmes",
  summary: "Programmes I manage (organisation admins)",
  tags: ["programmes"],
  response: z.object({ items: z.array(Programme) }),
});

export const myProgrammes = defineContract({
  method: "GET",
  path: "/api/v1/me/programmes",
  summary: "Programmes I follow, with my progress",
  tags: ["programmes"],
  response: z.object({ items: z.array(Programme) }),
});

export const openProgrammes = defineContract({
  method: "GET",
  path: "/api/v1/programmes/open",
  summary: "Open programmes of my branch that I may join",
  tags: ["programmes"],
  response: z.object({ items: z.array(Programme) }),
});

export const joinProgramme = defineContract({
  method: "POST",
  path: "/api/v1/programmes/:id/join",
  summary: "Join an open programme: enrols me into its first course or all of them, per its rule (idempotent)",
  tags: ["programmes"],
  params: progId,
  response: Programme,
});

export const getProgramme = defineContract({
  method: "GET",
  path: "/api/v1/programmes/:id",
  summary: "One programme (its managers, or a person following it)",
  tags: ["programmes"],
  params: progId,
  response: Programme,
});

export const createProgramme = defineContract({
  method: "POST",
  path: "/api/v1/programmes",
  summary: "Create a programme on an organisation node",
  tags: ["programmes"],
  body: ProgrammeInput,
  response: Programme,
});

export const updateProgramme = defineContract({
  method: "PATCH",
  path: "/api/v1/programmes/:id",
  summary: "Change a programme's title, description or rules",
  tags: ["programmes"],
  params: progId,
  body: ProgrammeInput.omit({ orgId: true }).partial(),
  response: Programme,
});

export const deleteProgramme = defineContract({
  method: "DELETE",
  path: "/api/v1/programmes/:id",
  summary: "Delete a programme (course enrolments stay)",
  tags: ["programmes"],
  params: progId,
  response: z.object({ ok: z.literal(true) }),
});

export const setProgrammeCourses = defineContract({
  method: "PUT",
  path: "/api/v1/programmes/:id/courses",
  summary: "The programme's courses, in order",
  tags: ["programmes"],
  params: progId,
  body: z.object({ courseIds: z.array(z.uuid()).max(100) }),
  response: Programme,
});

export const enrolInProgramme = defineContract({
  method: "POST",
  path: "/api/v1/programmes/:id/members",
  summary: "Enrol people in a programme: into its first course or all of them, per its rule",
  tags: ["programmes"],
  params: progId,
  body: z.object({ userIds: z.array(z.uuid()).min(1).max(500) }),
  response: Programme,
});
