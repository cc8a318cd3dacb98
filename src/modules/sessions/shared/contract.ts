import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

/**
 * Blended learning: sessions of a course (in person or online), registrations with a waiting list
 * and manager approval, attendance with signatures. Paths live under the course; the word
 * "session" alone means a sign-in session elsewhere in the API.
 */
export const SESSION_KINDS = ["in-person", "online"] as const;
export const REGISTRATION_STATUSES = ["pending", "approved", "waiting", "refused"] as const;
export const ATTENDANCE_STATUSES = ["present", "absent", "excused"] as const;
/** The largest signature accepted, in bytes of PNG. */
export const SIGNATURE_MAX_BYTES = 100 * 1024;

const when = z.iso.datetime({ offset: true });

export const MyRegistration = z.object({
  id: z.uuid(),
  status: z.enum(REGISTRATION_STATUSES),
  /** 1-based place on the waiting list, null when not waiting */
  position: z.number().int().nullable(),
});
export type MyRegistration = z.infer<typeof MyRegistration>;

export const CourseSession = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  title: z.string(),
  kind: z.enum(SESSION_KINDS),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  videoUrl: z.string().nullable(),
  seats: z.number().int().nullable(),
  approval: z.boolean(),
  registrationOpensAt: z.string().nullable(),
  registrationClosesAt: z.string().nullable(),
  /** seats held (approved registrations) */
  taken: z.number().int(),
  waiting: z.number().int(),
  pending: z.number().int(),
  /** registration is possible now (window open, session not started) */
  registrationOpen: z.boolean(),
  me: MyRegistration.nullable(),
});
export type CourseSession = z.infer<typeof CourseSession>;

const courseParams = z.object({ courseId: z.uuid() });
const sessionParams = z.object({ courseId: z.uuid(), sessionId: z.uuid() });

export const SessionInput = z.object({
  title: z.string().trim().min(1).max(300),
  kind: z.enum(SESSION_KINDS),
  startsAt: when,
  endsAt: when,
  place: z.string().trim().max(500).nullish(),
  videoUrl: z
    .url({ protocol: /^https$/ })
    .max(2000)
    .nullish(),
  seats: z.number().int().min(1).max(100_000).nullish(),
  approval: z.boolean().default(false),
  registrationOpensAt: when.nullish(),
  registrationClosesAt: when.nullish(),
});
export type SessionInput = z.infer<typeof SessionInput>;

export const listSessions = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/sessions",
  summary: "Sessions of a course, with seats taken and the person's own registration",
  tags: ["course sessions"],
  params: courseParams,
  response: z.object({
    course: z.object({ id: z.uuid(), title: z.string() }),
    canEdit: z.boolean(),
    canTeach: z.boolean(),
    canRegister: z.boolean(),
    items: z.array(CourseSession),
  }),
});

export const getSession = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/sessions/:sessionId",
  summary: "One session of a course",
  tags: ["course sessions"],
  params: sessionParams,
  response: CourseSession.extend({
    course: z.object({ id: z.uuid(), title: z.string() }),
    canEdit: z.boolean(),
    canTeach: z.boolean(),
    canRegister: z.boolean(),
  }),
});

export const createSession = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/sessions",
  summary: "Add a session to a course (course editors)",
  tags: ["course sessions"],
  params: courseParams,
  body: SessionInput,
  response: CourseSession,
});

export const updateSession = defineContract({
  method: "PATCH",
  path: "/api/v1/courses/:courseId/sessions/:sessionId",
  summary: "Change a session; more seats promote people from the waiting list",
  tags: ["course sessions"],
  params: sessionParams,
  body: SessionInput.partial().extend({ approval: z.boolean().optional() }),
  response: CourseSession,
});

export const deleteSession = defineContract({
  method: "DELETE",
  path: "/api/v1/courses/:courseId/sessions/:sessionId",
  summary: "Delete a session with its registrations and attendance",
  tags: ["course sessions"],
  params: sessionParams,
  response: z.object({}),
});

export const register = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/sessions/:sessionId/registration",
  summary: "Register for a session (learners): a seat, the waiting list or a request awaiting approval",
  tags: ["course sessions"],
  params: sessionParams,
  response: MyRegistration,
});

export const unregister = defineContract({
  method: "DELETE",
  path: "/api/v1/courses/:courseId/sessions/:sessionId/registration",
  summary: "Withdraw from a session; the first person waiting takes the seat",
  tags: ["course sessions"],
  params: sessionParams,
  response: z.object({}),
});

export const Attendance = z.object({
  status: z.enum(ATTENDANCE_STATUSES),
  signature: z.string().nullable(),
  signedOnPaper: z.boolean(),
  takenAt: z.string(),
});

export const Registration = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  email: z.string().nullable(),
  status: z.enum(REGISTRATION_STATUSES),
  position: z.number().int().nullable(),
  queuedAt: z.string(),
  attendance: Attendance.nullable(),
});
export type Registration = z.infer<typeof Registration>;

export const listRegistrations = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/sessions/:sessionId/registrations",
  summary: "People registered for a session, waiting or awaiting approval, with their attendance (teachers)",
  tags: ["course sessions"],
  params: sessionParams,
  response: z.object({ items: z.array(Registration) }),
});

export const decideRegistration = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/sessions/:sessionId/registrations/:registrationId/decision",
  summary: "Approve or refuse a registration (course managers); an approval past the last seat joins the waiting list",
  tags: ["course sessions"],
  params: sessionParams.extend({ registrationId: z.uuid() }),
  body: z.object({ decision: z.enum(["approve", "refuse"]) }),
  response: Registration,
});

export const signature = z
  .string()
  .max(Math.ceil((SIGNATURE_MAX_BYTES * 4) / 3) + 40)
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/);

export const takeAttendance = defineContract({
  method: "PUT",
  path: "/api/v1/courses/:courseId/sessions/:sessionId/attendance/:userId",
  summary: "Record one person's attendance (teachers), with a signature drawn on screen or signed on paper",
  tags: ["course sessions"],
  params: sessionParams.extend({ userId: z.uuid() }),
  body: z.object({
    status: z.enum(ATTENDANCE_STATUSES),
    signature: signature.nullish(),
    signedOnPaper: z.boolean().default(false),
  }),
  response: Registration,
});

/** Not JSON: the attendance sheet (application/pdf). Listed for the typed client's URL. */
export const attendancePdfPath = "/api/v1/courses/:courseId/sessions/:sessionId/attendance.pdf";
