import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261123-10-question-bank.ts";
import { questionRoutes } from "./routes.ts";

export { loadQuestionDemo } from "./demo.ts";

/**
 * Question bank: banks per course and per organisation node (shared down the tree), categories,
 * tags, versioned questions of eleven types, scoring, fast authoring, GIFT and Moodle XML import.
 * Other modules use ./api.ts.
 */
export const questionsModule: Module = {
  name: "questions",
  migrations: { "20261123-10-question-bank": m1 },
  register(app, k) {
    questionRoutes(app, k);
  },
};
