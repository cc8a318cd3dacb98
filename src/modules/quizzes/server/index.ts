import { registerFileReferences } from "../../../kernel/files/access.ts";
import type { Module } from "../../../kernel/module.ts";
import { setItemExtras } from "../../courses/server/index.ts";
import { quizExtras } from "./carry.ts";
import { quizFileReferences } from "./files.ts";
import * as m1 from "./migrations/20261123-30-quizzes.ts";
import * as m2 from "./migrations/20261123-31-attempts-by-user.ts";
import * as m3 from "./migrations/20261124-10-quiz-rubrics.ts";
import * as m4 from "./migrations/20261124-11-quiz-preview.ts";
import { quizRoutes } from "./routes.ts";
import { startQuizSweeper } from "./sweep.ts";

export { loadQuizDemo } from "./demo.ts";
export { sweepQuizzes } from "./sweep.ts";

export { attemptsToGradeSql, quizzesClosingSql } from "./home.ts";
/**
 * Quizzes: course items of kind "quiz" with pages of questions from the bank, attempts whose
 * answers autosave idempotently (sequence numbers), time limits kept by the server, automatic and
 * manual grading, regrades, grades sent to the gradebook. The sweeper (overdue attempts, grades
 * released at closing) runs in every server process, not under tests (they call sweepQuizzes).
 */
export const quizzesModule: Module = {
  name: "quizzes",
  migrations: { "20261123-30-quizzes": m1, "20261123-31-attempts-by-user": m2, "20261124-10-quiz-rubrics": m3, "20261124-11-quiz-preview": m4 },
  register(app, k) {
    quizRoutes(app, k);
    registerFileReferences("quizzes", quizFileReferences);
    setItemExtras("quiz", quizExtras);
    if (process.env.VITEST && !process.env.QUIZ_SWEEP_MS) return;
    const stop = startQuizSweeper(k, (e) => app.log.error({ err: e }, "quiz sweep failed"), Number(process.env.QUIZ_SWEEP_MS) || 30_000);
    app.addHook("onClose", async () => stop());
  },
};
