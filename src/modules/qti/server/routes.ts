import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../../../kernel/errors.ts";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { exportQuestions } from "./use-cases/export-questions.ts";
import { exportQuiz } from "./use-cases/export-quiz.ts";
import { importQti } from "./use-cases/import-qti.ts";

const MAX = c.QTI_MAX_MB * 1024 * 1024;

/** The multipart `file` part; too large or missing is a field error, never a 500. */
async function readFile(req: FastifyRequest): Promise<{ name: string; data: Buffer }> {
  if (Number(req.headers["content-length"] ?? 0) > MAX + 64 * 1024 || !req.isMultipart()) {
    if (!req.isMultipart()) throw new AppError("validation", {}, { file: { code: "field.required" } });
    throw new AppError("qti.too_large", { maxMb: c.QTI_MAX_MB }, { file: { code: "qti.too_large", params: { maxMb: c.QTI_MAX_MB } } }, 413);
  }
  const part = await req.file({ limits: { fileSize: MAX + 1, files: 1 }, throwFileSizeLimit: false });
  if (part?.fieldname !== "file") throw new AppError("validation", {}, { file: { code: "field.required" } });
  const data = await part.toBuffer();
  if (part.file.truncated || data.length > MAX)
    throw new AppError("qti.too_large", { maxMb: c.QTI_MAX_MB }, { file: { code: "qti.too_large", params: { maxMb: c.QTI_MAX_MB } } }, 413);
  if (data.length === 0) throw new AppError("validation", {}, { file: { code: "field.required" } });
  return { name: part.filename || "upload", data };
}

const sendZip = (reply: FastifyReply, out: { filename: string; body: Buffer }) =>
  reply
    .type("application/zip")
    .header("content-disposition", `attachment; filename="${out.filename}"`)
    .header("cache-control", "private, no-store")
    .send(out.body);

const Uuid = z.uuid();
const Ids = z.array(z.uuid()).max(1000);

export function qtiRoutes(app: FastifyInstance, k: Kernel) {
  route(
    app,
    c.importQti,
    async ({ actor, params, query, req, locale }) => importQti(k, actor, params.categoryId, await readFile(req), query.dryRun === "true", locale),
    {
      rateLimit: { max: 30, timeWindow: 60_000 },
    },
  );

  app.get(
    "/api/v1/question-categories/:categoryId/qti-export.zip",
    { schema: { summary: "The category's questions (or those listed in ?ids=a,b) as a QTI 3.0 content package", tags: ["qti"] } },
    async (req, reply) => {
      if (req.actor.kind !== "user") throw new AppError("unauthenticated");
      const id = Uuid.safeParse((req.params as { categoryId?: string }).categoryId);
      if (!id.success) throw new AppError("not_found");
      const raw = (req.query as { ids?: string }).ids;
      const ids = raw === undefined ? null : Ids.safeParse(raw.split(",").filter(Boolean));
      if (ids && !ids.success) throw new AppError("validation", {}, { "query.ids": { code: "field.format_uuid" } });
      return sendZip(reply, await exportQuestions(k, req.actor, id.data, ids ? ids.data! : null));
    },
  );

  app.get(
    "/api/v1/courses/:courseId/quizzes/:itemId/qti-export.zip",
    { schema: { summary: "A quiz as a QTI 3.0 assessment test in a content package (course editors)", tags: ["qti"] } },
    async (req, reply) => {
      if (req.actor.kind !== "user") throw new AppError("unauthenticated");
      const p = req.params as { courseId?: string; itemId?: string };
      const courseId = Uuid.safeParse(p.courseId);
      const itemId = Uuid.safeParse(p.itemId);
      if (!courseId.success || !itemId.success) throw new AppError("not_found");
      return sendZip(reply, await exportQuiz(k, req.actor, courseId.data, itemId.data));
    },
  );
}
