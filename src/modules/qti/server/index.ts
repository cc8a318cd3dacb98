import type { Module } from "../../../kernel/module.ts";
import { qtiRoutes } from "./routes.ts";

/**
 * QTI 3.0 / 2.x import into the question bank (with a report per item and per interaction) and
 * QTI 3.0 export of questions and quizzes. No tables of its own: it reads and writes the bank.
 */
export const qtiModule: Module = {
  name: "qti",
  migrations: {},
  register(app, k) {
    qtiRoutes(app, k);
  },
};
