import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AppError } from "../../../kernel/errors.ts";
import { route, zodFields } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { buildReport } from "./use-cases/build-report.ts";
import { attestation, reportCsv } from "./use-cases/exports.ts";
import { setFunder } from "./use-cases/set-funder.ts";

const csvParams = z.object({ courseId: z.uuid() });
const pdfParams = z.object({ courseId: z.uuid(), userId: z.uuid() });

export function reportingRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.getReport, ({ actor, params, query, locale }) => buildReport(k, actor, params.courseId, query, locale));
  route(app, c.setFunder, ({ actor, params, body }) => setFunder(k, actor, params.courseId, params.userId, body.funder));

  const parse = (req: { params: unknown; query: unknown }, params: z.ZodObject) => {
    const p = params.safeParse(req.params);
    if (!p.success) throw new AppError("not_found");
    const q = c.ReportQuery.safeParse(req.query);
    if (!q.success) throw new AppError("validation", {}, zodFields(q.error, "query"));
    return { params: p.data as Record<string, string>, query: q.data };
  };
  app.get(
    c.reportCsvPath,
    { schema: { summary: "The funder report as CSV (platform admins and course managers)", tags: ["funder reporting"] } },
    async (req, reply) => {
      if (req.actor.kind !== "user") throw new AppError("unauthenticated");
      const { params, query } = parse(req, csvParams);
      const { body, filename } = await reportCsv(k, req.actor, params.courseId, query, req.locale);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${filename}"`)
        .header("cache-control", "private, no-store")
        .send(body);
    },
  );
  app.get(
    c.attestationPath,
    { schema: { summary: "A learner's attestation as PDF (platform admins and course managers)", tags: ["funder reporting"] } },
    async (req, reply) => {
      if (req.actor.kind !== "user") throw new AppError("unauthenticated");
      const { params, query } = parse(req, pdfParams);
      const { pdf, filename } = await attestation(k, req.actor, params.courseId, params.userId, query, req.locale);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `attachment; filename="${filename}"`)
        .header("cache-control", "private, no-store")
        .send(pdf);
    },
  );
}
