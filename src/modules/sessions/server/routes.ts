import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../../../kernel/errors.ts";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { attendanceSheetPdf } from "./use-cases/attendance-sheet.ts";
import { createSession } from "./use-cases/create-session.ts";
import { decideRegistration } from "./use-cases/decide-registration.ts";
import { deleteSession } from "./use-cases/delete-session.ts";
import { listRegistrations } from "./use-cases/list-registrations.ts";
import { getSession, listSessions } from "./use-cases/list-sessions.ts";
import { registerForSession } from "./use-cases/register-for-session.ts";
import { takeAttendance } from "./use-cases/take-attendance.ts";
import { unregisterFromSession } from "./use-cases/unregister-from-session.ts";
import { updateSession } from "./use-cases/update-session.ts";

/** The platform's public base URL for links in mails: its own host, or /p/<slug> in path mode. */
const baseUrl = (k: Kernel, req: FastifyRequest) => (req.basePath ? `${k.config.publicUrl}${req.basePath}` : `${req.protocol}://${req.host}`);

export function sessionRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.listSessions, ({ actor, params }) => listSessions(k, actor, params.courseId));
  route(app, c.getSession, ({ actor, params }) => getSession(k, actor, params.courseId, params.sessionId));
  route(app, c.createSession, ({ actor, params, body }) => createSession(k, actor, params.courseId, body));
  route(app, c.updateSession, ({ actor, params, body, req }) => updateSession(k, actor, params.courseId, params.sessionId, body, baseUrl(k, req)));
  route(app, c.deleteSession, async ({ actor, params, req }) => {
    await deleteSession(k, actor, params.courseId, params.sessionId, baseUrl(k, req));
    return {};
  });
  route(app, c.register, ({ actor, params, req }) => registerForSession(k, actor, params.courseId, params.sessionId, baseUrl(k, req)));
  route(app, c.unregister, async ({ actor, params, req }) => {
    await unregisterFromSession(k, actor, params.courseId, params.sessionId, baseUrl(k, req));
    return {};
  });
  route(app, c.listRegistrations, ({ actor, params }) => listRegistrations(k, actor, params.courseId, params.sessionId));
  route(app, c.decideRegistration, ({ actor, params, body, req }) =>
    decideRegistration(k, actor, params.courseId, params.sessionId, params.registrationId, body.decision, baseUrl(k, req)),
  );
  route(app, c.takeAttendance, ({ actor, params, body }) => takeAttendance(k, actor, params.courseId, params.sessionId, params.userId, body));

  app.get(c.attendancePdfPath, { schema: { summary: "Attendance sheet of a session as PDF (teachers)", tags: ["course sessions"] } }, async (req, reply) => {
    if (req.actor.kind !== "user") throw new AppError("unauthenticated");
    const p = c.listRegistrations.params.safeParse(req.params);
    if (!p.success) throw new AppError("not_found");
    const { pdf, filename } = await attendanceSheetPdf(k, req.actor, p.data.courseId, p.data.sessionId, req.locale);
    return reply
      .header("content-type", "application/pdf")
      .header("content-disposition", `attachment; filename="${filename}"`)
      .header("cache-control", "private, no-store")
      .send(pdf);
  });
}
