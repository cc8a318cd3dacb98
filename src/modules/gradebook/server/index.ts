import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261123-40-gradebook.ts";
import * as m2 from "./migrations/20261123-41-grade-item-sources.ts";
import { gradebookRoutes } from "./routes.ts";

export { type GradeSource, recordGrades, upsertGradeItem } from "./api.ts";
export { loadGradebookDemo } from "./demo.ts";
export { type GradeLite, loadStructure, totalOf } from "./repo.ts";
export { notifyGradesReleased, type ReleasedItem } from "./release-notice.ts";

/**
 * Gradebook: grade items from quizzes and assignments (through api.ts) and columns teachers add,
 * weighted categories with drop-lowest, letter scales, overrides with their audit trail, the
 * teachers' grid and the learner's own released grades.
 */
export const gradebookModule: Module = {
  name: "gradebook",
  migrations: { "20261123-40-gradebook": m1, "20261123-41-grade-item-sources": m2 },
  register(app, k) {
    gradebookRoutes(app, k);
  },
};
