import type { FastifyInstance } from "fastify";
import { AppError } from "../../../kernel/errors.ts";
import { route, zodFields } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { readUpload } from "../../school/server/index.ts";
import * as c from "../shared/contract.ts";
import { decideAbsence, justifyAbsence, listAbsences } from "./use-cases/absences.ts";
import { countsCsv, getCounts } from "./use-cases/counts.ts";
import { getWeek } from "./use-cases/get-week.ts";
import { importTimetable } from "./use-cases/import-timetable.ts";
import { createLesson, deleteLesson } from "./use-cases/lessons.ts";
import { getRoll, saveRoll } from "./use-cases/roll-call.ts";

export function attendanceRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.getWeek, ({ actor, query }) => getWeek(k, actor, query));
  route(app, c.createLesson, ({ actor, params, body }) => createLesson(k, actor, params.id, body));
  route(app, c.deleteLesson, ({ actor, params }) => deleteLesson(k, actor, params.id));
  route(app, c.checkTimetableImport, async ({ actor, params, req, locale }) => importTimetable(k, actor, params.format, await readUpload(req), locale, false));
  route(app, c.runTimetableImport, async ({ actor, params, req, locale }) => importTimetable(k, actor, params.format, await readUpload(req), locale, true));
  route(app, c.getRoll, ({ actor, params }) => getRoll(k, actor, params.id, params.day));
  route(app, c.saveRoll, ({ actor, params, body }) => saveRoll(k, actor, params.id, params.day, body));
  route(app, c.listAbsences, ({ actor, query }) => listAbsences(k, actor, query));
  route(app, c.justifyAbsence, ({ actor, params, body }) => justifyAbsence(k, actor, params.id, body));
  route(app, c.decideAbsence, ({ actor, params, body }) => decideAbsence(k, actor, params.id, body));
  route(app, c.getCounts, ({ actor, query }) => getCounts(k, actor, query));
  app.get(
    "/api/v1/attendance/counts.csv",
    { schema: { summary: "The counts as CSV (same query as /api/v1/attendance/counts)", tags: ["attendance"] } },
    async (req, reply) => {
      if (req.actor.kind !== "user") throw new AppError("unauthenticated");
      const q = c.countsQuery.safeParse(req.query);
      if (!q.success) throw new AppError("validation", {}, zodFields(q.error, "query"));
      const body = await countsCsv(k, req.actor, q.data, req.locale);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="attendance-${q.data.from}-${q.data.to}.csv"`)
        .header("cache-control", "private, no-store")
        .send(body);
    },
  );
}
