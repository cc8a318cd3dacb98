import type { FastifyInstance } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { listAccommodations, setAccommodation } from "./use-cases/accommodations.ts";
import { createQuiz } from "./use-cases/create-quiz.ts";
import { getAttempt } from "./use-cases/get-attempt.ts";
import { getQuiz } from "./use-cases/get-quiz.ts";
import { gradeAnswer } from "./use-cases/grade-answer.ts";
import { gradingQueue } from "./use-cases/grading-queue.ts";
import { listResults } from "./use-cases/list-results.ts";
import { listSlots } from "./use-cases/list-slots.ts";
import { regrade } from "./use-cases/regrade.ts";
import { replaceSlots } from "./use-cases/replace-slots.ts";
import { saveAnswer } from "./use-cases/save-answer.ts";
import { startAttempt } from "./use-cases/start-attempt.ts";
import { submitAttempt } from "./use-cases/submit-attempt.ts";
import { updateQuiz } from "./use-cases/update-quiz.ts";

export function quizRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.createQuiz, ({ actor, params, body }) => createQuiz(k, actor, params.courseId, body));
  route(app, c.getQuiz, ({ actor, params }) => getQuiz(k, actor, params.courseId, params.itemId));
  route(app, c.updateQuiz, ({ actor, params, body }) => updateQuiz(k, actor, params.courseId, params.itemId, body));
  route(app, c.listSlots, ({ actor, params }) => listSlots(k, actor, params.courseId, params.itemId));
  route(app, c.replaceSlots, ({ actor, params, body }) => replaceSlots(k, actor, params.courseId, params.itemId, body.slots));
  route(app, c.listAccommodations, ({ actor, params }) => listAccommodations(k, actor, params.courseId, params.itemId));
  route(app, c.setAccommodation, ({ actor, params, body }) => setAccommodation(k, actor, params.courseId, params.itemId, params.userId, body));
  route(app, c.startAttempt, ({ actor, params }) => startAttempt(k, actor, params.courseId, params.itemId));
  route(app, c.getAttempt, ({ actor, params }) => getAttempt(k, actor, params.attemptId));
  route(app, c.saveAnswer, ({ actor, params, body }) => saveAnswer(k, actor, params.attemptId, params.slot, body.seq, body.response));
  route(app, c.submitAttempt, ({ actor, params }) => submitAttempt(k, actor, params.attemptId));
  route(app, c.listResults, ({ actor, params }) => listResults(k, actor, params.courseId, params.itemId));
  route(app, c.gradingQueue, ({ actor, params }) => gradingQueue(k, actor, params.courseId, params.itemId));
  route(app, c.gradeAnswer, ({ actor, params, body }) => gradeAnswer(k, actor, params.attemptId, params.slot, body.points, body.comment));
  route(app, c.regrade, ({ actor, params, body }) => regrade(k, actor, params.courseId, params.itemId, body.questionId, body.regradeAttempts));
}
