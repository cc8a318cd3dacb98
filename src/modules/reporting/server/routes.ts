import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { AppError } from "../../../kernel/errors.ts";
import { route, zodFields } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { buildProgrammeReport } from "./use-cases/build-programme-report.ts";
import { buildReport } from "./use-cases/build-report.ts";
import { attestation, reportCsv } from "./use-cases/exports.ts";
import { fundersOverview } from "./use-cases/funders-overview.ts";
import { programmeAttestation, programmeCsv } from "./use-cases/programme-exports.ts";
import { setFunder } from "./use-cases/set-funder.ts";
import { setProgrammeFunder } from "./use-cases/set-programme-funder.ts";

const csvParams = z.object({ courseId: z.uuid() });
const pdfParams = z.object({ courseId: z.uuid(), userId: z.uuid() });
const programmeCsvParams = z.object({ programmeId: z.uuid() });
const programmePdfParams = z.object({ programmeId: z.uuid(), userId: z.uuid() });

export function reportingRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.getReport, ({ actor, params, query, locale }) => buildReport(k, actor, params.courseId, query, locale));
  route(app, c.setFunder, ({ actor, params, body }) => setFunder(k, actor, params.courseId, params.userId, body.funder));
  route(app, c.getProgrammeReport, ({ actor, params, query, locale }) => buildProgrammeReport(k, actor, params.programmeId, query, locale));
  route(app, c.setProgrammeFunder, ({ actor, params, body }) => setProgrammeFunder(k, actor, params.programmeId, params.userId, body.funder));
  route(app, c.getFundersOverview, ({ actor, query }) => fundersOverview(k, actor, query));

  const parse = (req: { params: unknown; query: unknown }, params: z.ZodObject) => {
    const p = params.safeParse(req.params);
    if (!p.success) throw new AppError("not_found");
    const q = c.ReportQuery.safeParse(req.query);
    if (!q.success) throw new AppError("validation", {}, zodFields(q.error, "query"));
    return { params: p.data as Record<string, string>, query: q.data };
  };
  // the exports: downloaded as files, never cached (they name people)
  const sendFile = (reply: FastifyReply, type: string, filename: string, body: string | Buffer) =>
    reply
      .header("content-type", type)
      .header("content-disposition", `attachment; filename="${filename}"`)
      .header("cache-control", "private, no-store")
      .send(body);
  app.get(
    c.reportCsvPath,
    { schema: { summary: "The funder report as CSV (platform admins and course managers)", tags: ["funder reporting"] } },
    async (req, reply) => {
      if (req.actor.kind !== "user") throw new AppError("unauthenticated");
      const { params, query } = parse(req, csvParams);
      const { body, filename } = await reportCsv(k, req.actor, params.courseId, query, req.locale);
      return sendFile(reply, "text/csv; charset=utf-8", filename, body);
    },
  );
  app.get(
    c.attestationPath,
    { schema: { summary: "A learner's attestation as PDF (platform admins and course managers)", tags: ["funder reporting"] } },
    async (req, reply) => {
      if (req.actor.kind !== "user") throw new AppError("unauthenticated");
      const { params, query } = parse(req, pdfParams);
      const { pdf, filename } = await attestation(k, req.actor, params.courseId, params.userId, query, req.locale);
      return sendFile(reply, "application/pdf", filename, pdf);
    },
  );
  app.get(
    c.programmeCsvPath,
    {
      schema: {
        summary: "A programme's funder report as CSV: a row per learner and course, then the learner's total (platform admins and admins of its node)",
        tags: ["funder reporting"],
      },
    },
    async (req, reply) => {
      if (req.actor.kind !== "user") throw new AppError("unauthenticated");
      const { params, query } = parse(req, programmeCsvParams);
      const { body, filename } = await programmeCsv(k, req.actor, params.programmeId, query, req.locale);
      return sendFile(reply, "text/csv; charset=utf-8", filename, body);
    },
  );
  app.get(
    c.programmeAttestationPath,
    { schema: { summary: "A learner's attestation for a programme, as PDF (platform admins and admins of its node)", tags: ["funder reporting"] } },
    async (req, reply) => {
      if (req.actor.kind !== "user") throw new AppError("unauthenticated");
      const { params, query } = parse(req, programmePdfParams);
      const { pdf, filename } = await programmeAttestation(k, req.actor, params.programmeId, params.userId, query, req.locale);
      return sendFile(reply, "application/pdf", filename, pdf);
    },
  );
}
