import type { FastifyInstance } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { createCategory } from "./use-cases/create-category.ts";
import { createQuestion } from "./use-cases/create-question.ts";
import { deleteCategory } from "./use-cases/delete-category.ts";
import { deleteQuestion } from "./use-cases/delete-question.ts";
import { duplicateQuestion } from "./use-cases/duplicate-question.ts";
import { getQuestion } from "./use-cases/get-question.ts";
import { importQuestions } from "./use-cases/import-questions.ts";
import { listBanks } from "./use-cases/list-banks.ts";
import { listQuestions } from "./use-cases/list-questions.ts";
import { listVersions } from "./use-cases/list-versions.ts";
import { previewQuestion } from "./use-cases/preview-question.ts";
import { updateCategory } from "./use-cases/update-category.ts";
import { updateQuestion } from "./use-cases/update-question.ts";

export function questionRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.listBanks, ({ actor, params, locale }) => listBanks(k, actor, params.courseId, locale));
  route(app, c.createCategory, ({ actor, body }) => createCategory(k, actor, body));
  route(app, c.updateCategory, ({ actor, params, body }) => updateCategory(k, actor, params.categoryId, body));
  route(app, c.deleteCategory, async ({ actor, params }) => {
    await deleteCategory(k, actor, params.categoryId);
    return {};
  });
  route(app, c.listQuestions, ({ actor, params, query }) => listQuestions(k, actor, params.categoryId, query));
  route(app, c.getQuestion, ({ actor, params }) => getQuestion(k, actor, params.questionId));
  route(app, c.listVersions, ({ actor, params }) => listVersions(k, actor, params.questionId));
  route(app, c.createQuestion, ({ actor, params, body }) => createQuestion(k, actor, params.categoryId, body));
  route(app, c.updateQuestion, ({ actor, params, body }) => updateQuestion(k, actor, params.questionId, body));
  route(app, c.duplicateQuestion, ({ actor, params, locale }) => duplicateQuestion(k, actor, params.questionId, locale));
  route(app, c.deleteQuestion, async ({ actor, params }) => {
    await deleteQuestion(k, actor, params.questionId);
    return {};
  });
  route(app, c.previewQuestion, ({ actor, params, body }) => previewQuestion(k, actor, params.courseId, body));
  route(app, c.importQuestions, ({ actor, params, body, locale }) => importQuestions(k, actor, params.categoryId, body, locale));
}
