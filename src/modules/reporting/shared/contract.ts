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
