import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";
import { PublicQuestion, QUESTION_TYPES, QuestionDefinition, QuestionResponse, ScoreResult } from "./types.ts";

/**
 * Question bank HTTP API: banks a course's editors can use (the course's own and those of its
 * organisation node and the nodes above), categories, questions with versions, preview and
 * checking of an answer, GIFT and Moodle XML import.
 */
export const IMPORT_FORMATS = ["gift", "moodlexml"] as const;
/** the request body limit is 2 MB: room for accents and JSON escaping */
export const IMPORT_MAX_CHARS = 1_000_000;

const Tag = z.string().trim().min(1).max(60);

export const Category = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  questionCount: z.number().int(),
});
export type Category = z.infer<typeof Category>;

export const Bank = z.object({
  kind: z.enum(["course", "org"]),
  /** the course id or the organisation node id */
  ownerId: z.uuid(),
  name: z.string(),
  canEdit: z.boolean(),
  categories: z.array(Category),
});
export type Bank = z.infer<typeof Bank>;

export const QuestionSummary = z.object({
  id: z.uuid(),
  categoryId: z.uuid(),
  name: z.string(),
  type: z.enum(QUESTION_TYPES),
  version: z.number().int(),
  versionId: z.uuid(),
  points: z.number(),
  tags: z.array(z.string()),
  updatedAt: z.string(),
});
export type QuestionSummary = z.infer<typeof QuestionSummary>;

export const QuestionDetail = QuestionSummary.extend({
  definition: QuestionDefinition,
  /** the latest version was given to learners: saving a change makes a new version */
  used: z.boolean(),
  canEdit: z.boolean(),
});
export type QuestionDetail = z.infer<typeof QuestionDetail>;

export const QuestionInput = z.object({
  /** a short name for lists; defaults to the start of the stem */
  name: z.string().trim().max(200).optional(),
  points: z.number().min(0).max(1000).default(1),
  tags: z.array(Tag).max(20).default([]),
  definition: QuestionDefinition,
});
export type QuestionInput = z.input<typeof QuestionInput>;

const courseParams = z.object({ courseId: z.uuid() });
const categoryParams = z.object({ categoryId: z.uuid() });
const questionParams = z.object({ questionId: z.uuid() });

export const listBanks = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/question-banks",
  summary: "Question banks a course's teachers may use: the course's own and those of its organisation node and the nodes above",
  tags: ["questions"],
  params: courseParams,
  response: z.object({ course: z.object({ id: z.uuid(), title: z.string() }), canEdit: z.boolean(), banks: z.array(Bank) }),
});

export const createCategory = defineContract({
  method: "POST",
  path: "/api/v1/question-categories",
  summary: "Add a category to a course's or an organisation node's bank",
  tags: ["questions"],
  body: z
    .object({
      courseId: z.uuid().optional(),
      orgId: z.uuid().optional(),
      parentId: z.uuid().nullish(),
      name: z.string().trim().min(1).max(200),
    })
    .refine((b) => !!b.courseId !== !!b.orgId, { message: "courseId or orgId", path: ["courseId"] }),
  response: Category,
});

export const updateCategory = defineContract({
  method: "PATCH",
  path: "/api/v1/question-categories/:categoryId",
  summary: "Rename a category or move it under another one of the same bank",
  tags: ["questions"],
  params: categoryParams,
  body: z.object({ name: z.string().trim().min(1).max(200).optional(), parentId: z.uuid().nullish() }),
  response: Category,
});

export const deleteCategory = defineContract({
  method: "DELETE",
  path: "/api/v1/question-categories/:categoryId",
  summary: "Delete an empty category (no questions, no subcategories)",
  tags: ["questions"],
  params: categoryParams,
  response: z.object({}),
});

export const listQuestions = defineContract({
  method: "GET",
  path: "/api/v1/question-categories/:categoryId/questions",
  summary: "Questions of a category, filtered by tag, type or words",
  tags: ["questions"],
  params: categoryParams,
  query: z.object({ tag: Tag.optional(), type: z.enum(QUESTION_TYPES).optional(), q: z.string().trim().max(200).optional() }),
  response: z.object({ canEdit: z.boolean(), items: z.array(QuestionSummary), tags: z.array(z.string()) }),
});

export const getQuestion = defineContract({
  method: "GET",
  path: "/api/v1/questions/:questionId",
  summary: "A question's latest version with its definition (bank users)",
  tags: ["questions"],
  params: questionParams,
  response: QuestionDetail,
});

export const listVersions = defineContract({
  method: "GET",
  path: "/api/v1/questions/:questionId/versions",
  summary: "Every version of a question, newest first, and whether learners were given it",
  tags: ["questions"],
  params: questionParams,
  response: z.object({
    items: z.array(z.object({ id: z.uuid(), version: z.number().int(), points: z.number(), used: z.boolean(), createdAt: z.string(), stem: z.string() })),
  }),
});

export const createQuestion = defineContract({
  method: "POST",
  path: "/api/v1/question-categories/:categoryId/questions",
  summary: "Add a question to a category",
  tags: ["questions"],
  params: categoryParams,
  body: QuestionInput,
  response: QuestionDetail,
});

export const updateQuestion = defineContract({
  method: "PUT",
  path: "/api/v1/questions/:questionId",
  summary: "Change a question; once given to learners, a change of its definition makes a new version",
  tags: ["questions"],
  params: questionParams,
  body: QuestionInput.extend({ categoryId: z.uuid().optional() }),
  response: QuestionDetail,
});

export const duplicateQuestion = defineContract({
  method: "POST",
  path: "/api/v1/questions/:questionId/duplicate",
  summary: "Copy a question into the same category",
  tags: ["questions"],
  params: questionParams,
  response: QuestionDetail,
});

export const deleteQuestion = defineContract({
  method: "DELETE",
  path: "/api/v1/questions/:questionId",
  summary: "Remove a question from the bank (attempts keep the versions they used)",
  tags: ["questions"],
  params: questionParams,
  response: z.object({}),
});

export const previewQuestion = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/question-preview",
  summary: "The learner's view of a (possibly unsaved) question and, with a response, its score and feedback",
  tags: ["questions"],
  params: courseParams,
  body: z.object({
    definition: QuestionDefinition,
    points: z.number().min(0).max(1000).default(1),
    seed: z.string().max(100).default("preview"),
    response: QuestionResponse.nullish(),
  }),
  response: z.object({ question: PublicQuestion, result: ScoreResult.nullable() }),
});

export const ImportProblem = z.object({
  /** 1-based line in the text (GIFT) or 0 when it concerns the whole file */
  line: z.number().int(),
  /** the question's number in the file (1-based) */
  question: z.number().int(),
  /** errors stop the import (unless skipInvalid); warnings say what was simplified or left out */
  level: z.enum(["error", "warning"]),
  code: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const importQuestions = defineContract({
  method: "POST",
  path: "/api/v1/question-categories/:categoryId/import",
  summary: "Import questions from GIFT or Moodle XML: nothing is imported while the file has problems, unless skipInvalid",
  tags: ["questions"],
  params: categoryParams,
  body: z.object({
    format: z.enum(IMPORT_FORMATS),
    text: z.string().min(1).max(IMPORT_MAX_CHARS),
    /** check only: report what would be imported */
    dryRun: z.boolean().default(false),
    /** import the valid questions and report the others */
    skipInvalid: z.boolean().default(false),
  }),
  response: z.object({
    found: z.number().int(),
    imported: z.number().int(),
    problems: z.array(ImportProblem),
    questions: z.array(z.object({ name: z.string(), type: z.enum(QUESTION_TYPES), line: z.number().int() })),
  }),
});
