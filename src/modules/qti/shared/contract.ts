import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";
import { QUESTION_TYPES } from "../../questions/shared/types.ts";

/**
 * QTI import (QTI 3.0, 2.1, 2.2: a content package ZIP or one item XML) into a bank category, with
 * a report per item and per interaction of what was imported and what was not and why; export of
 * questions (a selection or a category) and of a quiz as a QTI 3.0 content package. The upload and
 * the downloads are not JSON: the upload is a multipart form with a `file` part, the exports are
 * ZIP files (GET routes, documented in OpenAPI by hand).
 */
export const QTI_MAX_MB = 20;

export const Note = z.object({
  /** error: this part was not imported; warning: imported but simplified; info: for the record */
  level: z.enum(["error", "warning", "info"]),
  code: z.string(),
  message: z.string(),
});
export type Note = z.infer<typeof Note>;

export const InteractionReport = z.object({
  /** the QTI interaction (choiceInteraction, hotspotInteraction…) */
  interaction: z.string(),
  responseId: z.string().nullable(),
  status: z.enum(["imported", "not_imported"]),
  /** the question type it became (imported only) */
  questionType: z.enum(QUESTION_TYPES).nullable(),
  notes: z.array(Note),
});
export type InteractionReport = z.infer<typeof InteractionReport>;

export const ItemReport = z.object({
  /** the file in the package (or the uploaded file's name) */
  file: z.string(),
  identifier: z.string(),
  title: z.string(),
  /** "3.0", "2.2", "2.1" (from the namespace) */
  version: z.string(),
  interactions: z.array(InteractionReport),
  /** what concerns the whole item: media left out, feedback, templates… */
  notes: z.array(Note),
  /** questions made from this item (0: nothing imported) */
  questions: z.array(z.object({ name: z.string(), type: z.enum(QUESTION_TYPES) })),
});
export type ItemReport = z.infer<typeof ItemReport>;

export const ImportReport = z.object({
  dryRun: z.boolean(),
  items: z.array(ItemReport),
  /** the package itself: tests found, resources that are not items… */
  notes: z.array(Note),
  found: z.number().int(),
  imported: z.number().int(),
  /** per interaction kind: how many became questions, how many were reported */
  counts: z.record(z.string(), z.object({ imported: z.number().int(), notImported: z.number().int() })),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const importQti = defineContract({
  method: "POST",
  path: "/api/v1/question-categories/:categoryId/qti-import",
  summary: "Import a QTI 3.0 / 2.x package (ZIP) or item (XML) into a category (multipart `file`); dryRun=true only reports",
  tags: ["qti"],
  params: z.object({ categoryId: z.uuid() }),
  query: z.object({ dryRun: z.enum(["true", "false"]).default("true") }),
  response: ImportReport,
});
