import { registerFileReferences } from "../../../kernel/files/index.ts";
import type { Module } from "../../../kernel/module.ts";
import { setItemExtras } from "../../courses/server/index.ts";
import { assignmentExtras } from "./carry.ts";
import { assignmentFiles } from "./files.ts";
import * as m1 from "./migrations/20261123-22-assignments.ts";
import { assignmentRoutes } from "./routes.ts";

export { loadAssignmentDemo } from "./demo.ts";

export { assignmentsDueSql, submissionsToGradeSql } from "./home.ts";
export { getAssignment } from "./use-cases/get-assignment.ts";
export { getSubmission } from "./use-cases/get-submission.ts";
export { gradeSubmission } from "./use-cases/grade-submission.ts";
export { listSubmissions } from "./use-cases/list-submissions.ts";
/** Assignments (course items of kind "assignment"): submissions alone or in groups, receipts, marking with rubrics, release. */
export const assignmentsModule: Module = {
  name: "assignments",
  migrations: { "20261123-22-assignments": m1 },
  register(app, k) {
    registerFileReferences("assignments", assignmentFiles);
    setItemExtras("assignment", assignmentExtras);
    assignmentRoutes(app, k);
  },
};
