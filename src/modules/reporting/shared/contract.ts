import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

/**
 * Funder reporting: for each learner of a course, time spent online (from the recorded activity),
 * attendance at the course's sessions, completion and results, over a period and for a funder;
 * as a table, a CSV file and a PDF attestation per learner.
 */
/** Two events of a learner further apart than this belong to two visits; the gap between them does not count. */
export const GAP_MINUTES = 30;
const tags = ["funder reporting"];
const day = z.iso.date();

export const ReportQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  funder: z.string().trim().max(200).optional(),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export const ReportRow = z.object({
  userId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  username: z.string(),
  funder: z.string().nullable(),
  online: z.object({ seconds: z.number().int(), events: z.number().int(), visits: z.number().int() }),
  attendance: z.object({
    sessions: z.number().int(),
    present: z.number().int(),
    absent: z.number().int(),
    excused: z.number().int(),
    presentMinutes: z.number().int(),
  }),
  completion: z.object({ done: z.number().int(), total: z.number().int(), completedAt: z.string().nullable() }),
  result: z.object({ percent: z.number().nullable(), text: z.string() }),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const Report = z.object({
  course: z.object({ id: z.uuid(), title: z.string() }),
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  funder: z.string().nullable(),
  gapMinutes: z.number().int(),
  funders: z.array(z.string()),
  rows: z.array(ReportRow),
});
export type Report = z.infer<typeof Report>;

const courseParams = z.object({ courseId: z.uuid() });

export const getReport = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/funder-report",
  summary: "Time online, attendance, completion and results per learner (platform admins and course managers)",
  tags,
  params: courseParams,
  query: ReportQuery,
  response: Report,
});

/** The same report as CSV, and one learner's attestation as PDF (plain routes: not JSON). */
export const reportCsvPath = "/api/v1/courses/:courseId/funder-report.csv";
export const attestationPath = "/api/v1/courses/:courseId/funder-report/:userId/attestation.pdf";

export const setFunder = defineContract({
  method: "PUT",
  path: "/api/v1/courses/:courseId/funding/:userId",
  summary: "Record who funds a learner's training in a course (empty: nobody)",
  tags,
  params: z.object({ courseId: z.uuid(), userId: z.uuid() }),
  body: z.object({ funder: z.string().trim().max(200) }),
  response: z.object({ funder: z.string().nullable() }),
});

// ---------- programmes: the same figures per learner across the programme's courses ----------

/** One course of a programme, for one learner: the course report's figures (zero when not enrolled). */
export const ProgrammeCourseFigures = z.object({
  courseId: z.uuid(),
  title: z.string(),
  /** enrolled in the course (active or since unenrolled); the figures of a course never joined are zero */
  enrolled: z.boolean(),
  online: ReportRow.shape.online,
  attendance: ReportRow.shape.attendance,
  completion: ReportRow.shape.completion,
  result: ReportRow.shape.result,
});
export type ProgrammeCourseFigures = z.infer<typeof ProgrammeCourseFigures>;

export const ProgrammeReportRow = z.object({
  userId: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  username: z.string(),
  /** the funder recorded for the learner in the programme (not those of its courses) */
  funder: z.string().nullable(),
  /** sums over the programme's courses */
  online: ReportRow.shape.online,
  attendance: ReportRow.shape.attendance,
  programme: z.object({
    /** courses completed, out of those the programme's rule requires, out of its courses */
    coursesCompleted: z.number().int(),
    required: z.number().int(),
    courses: z.number().int(),
    /** when the rule was met: the date the required-th course was completed */
    completedAt: z.string().nullable(),
  }),
  /** the mean of the courses' released results (percent), over the courses that have one */
  result: z.object({ percent: z.number().nullable(), courses: z.number().int() }),
  courses: z.array(ProgrammeCourseFigures),
});
export type ProgrammeReportRow = z.infer<typeof ProgrammeReportRow>;

export const ProgrammeReport = z.object({
  programme: z.object({ id: z.uuid(), title: z.string(), completion: z.enum(["all", "count"]), required: z.number().int() }),
  courses: z.array(z.object({ id: z.uuid(), title: z.string() })),
  period: Report.shape.period,
  funder: z.string().nullable(),
  gapMinutes: z.number().int(),
  funders: z.array(z.string()),
  rows: z.array(ProgrammeReportRow),
});
export type ProgrammeReport = z.infer<typeof ProgrammeReport>;

const programmeParams = z.object({ programmeId: z.uuid() });

export const getProgrammeReport = defineContract({
  method: "GET",
  path: "/api/v1/programmes/:programmeId/funder-report",
  summary: "Time online, attendance, completion and results per learner across a programme's courses (platform admins and admins of its node)",
  tags,
  params: programmeParams,
  query: ReportQuery,
  response: ProgrammeReport,
});

/** The programme report as CSV (a row per learner and course, then the learner's programme total) and a learner's attestation. */
export const programmeCsvPath = "/api/v1/programmes/:programmeId/funder-report.csv";
export const programmeAttestationPath = "/api/v1/programmes/:programmeId/funder-report/:userId/attestation.pdf";

export const setProgrammeFunder = defineContract({
  method: "PUT",
  path: "/api/v1/programmes/:programmeId/funding/:userId",
  summary: "Record who funds a learner's programme (empty: nobody)",
  tags,
  params: z.object({ programmeId: z.uuid(), userId: z.uuid() }),
  body: z.object({ funder: z.string().trim().max(200) }),
  response: z.object({ funder: z.string().nullable() }),
});

// ---------- funders overview ----------

export const Training = z.object({
  kind: z.enum(["course", "programme"]),
  id: z.uuid(),
  title: z.string(),
  funder: z.string(),
  /** learners of the training this funder funds (the rows of its report filtered on the funder) */
  learners: z.number().int(),
});
export type Training = z.infer<typeof Training>;

export const FundersOverview = z.object({
  funders: z.array(z.string()),
  funder: z.string().nullable(),
  period: Report.shape.period,
  trainings: z.array(Training),
});
export type FundersOverview = z.infer<typeof FundersOverview>;

export const getFundersOverview = defineContract({
  method: "GET",
  path: "/api/v1/funder-reports",
  summary: "Funders and the trainings (courses and programmes) they fund, with learner counts, among those the caller reports on",
  tags,
  query: ReportQuery,
  response: FundersOverview,
});
