import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError } from "../../../kernel/errors.ts";
import { t } from "../../../kernel/i18n.ts";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { addMembers } from "./use-cases/add-members.ts";
import { csvEnrol } from "./use-cases/csv-enrol.ts";
import { decideMember } from "./use-cases/decide-member.ts";
import { getEnrolmentSettings, updateEnrolmentSettings } from "./use-cases/enrolment-settings.ts";
import { getEnrolment } from "./use-cases/get-enrolment.ts";
import { getMyProgress } from "./use-cases/get-my-progress.ts";
import { listMembers } from "./use-cases/list-members.ts";
import {
  createProgramme,
  deleteProgramme,
  enrolInProgramme,
  getProgramme,
  listProgrammes,
  myProgrammes,
  setProgrammeCourses,
  updateProgramme,
} from "./use-cases/manage-programmes.ts";
import { joinProgramme } from "./use-cases/join-programme.ts";
import { listOpenProgrammes } from "./use-cases/list-open-programmes.ts";
import { addRule, listRules, removeRule, syncCourseRules } from "./use-cases/manage-rules.ts";
import { setDone } from "./use-cases/mark-done.ts";
import { progressCsv, progressTable } from "./use-cases/progress-table.ts";
import { removeMember } from "./use-cases/remove-member.ts";
import { searchCandidates } from "./use-cases/search-candidates.ts";
import { selfEnrol } from "./use-cases/self-enrol.ts";
import { selfUnenrol } from "./use-cases/self-unenrol.ts";
import { whatsNext } from "./use-cases/whats-next.ts";

/** The platform's public base URL for links in mails: its own host, or /p/<slug> in path mode. */
const baseUrl = (k: Kernel, req: FastifyRequest) => (req.basePath ? `${k.config.publicUrl}${req.basePath}` : `${req.protocol}://${req.host}`);

export function enrolmentRoutes(app: FastifyInstance, k: Kernel) {
  // guessing a course key is slowed per address, like sign-in
  const door = { rateLimit: { max: k.config.SIGNIN_RATE_LIMIT_PER_MINUTE, timeWindow: "1 minute" } };
  route(app, c.getEnrolment, ({ actor, params }) => getEnrolment(k, actor, params.id));
  route(app, c.selfEnrol, ({ actor, params, body, req, locale }) => selfEnrol(k, actor, params.id, body.key, { base: baseUrl(k, req), locale }), door);
  route(app, c.selfUnenrol, ({ actor, params }) => selfUnenrol(k, actor, params.id));
  route(app, c.getEnrolmentSettings, ({ actor, params }) => getEnrolmentSettings(k, actor, params.id));
  route(app, c.updateEnrolmentSettings, ({ actor, params, body }) => updateEnrolmentSettings(k, actor, params.id, body));
  route(app, c.listMembers, ({ actor, params, query }) => listMembers(k, actor, params.id, query));
  route(app, c.searchCandidates, ({ actor, params, query }) => searchCandidates(k, actor, params.id, query.q));
  route(app, c.addMembers, ({ actor, params, body }) => addMembers(k, actor, params.id, body));
  route(app, c.decideMember, ({ actor, params, body, req, locale }) =>
    decideMember(k, actor, params.id, params.memberId, body.approve, { base: baseUrl(k, req), locale }),
  );
  route(app, c.removeMember, ({ actor, params }) => removeMember(k, actor, params.id, params.memberId));
  route(app, c.listRules, ({ actor, params }) => listRules(k, actor, params.id));
  route(app, c.addRule, ({ actor, params, body }) => addRule(k, actor, params.id, body.orgId));
  route(app, c.removeRule, ({ actor, params }) => removeRule(k, actor, params.id, params.ruleId));
  route(app, c.syncRules, ({ actor, params }) => syncCourseRules(k, actor, params.id));
  route(app, c.csvEnrol, ({ actor, params, body, locale }) => csvEnrol(k, actor, params.id, body, locale));

  route(app, c.getMyProgress, ({ actor, params }) => getMyProgress(k, actor, params.id));
  route(app, c.markDone, ({ actor, params }) => setDone(k, actor, params.id, params.itemId, true));
  route(app, c.unmarkDone, ({ actor, params }) => setDone(k, actor, params.id, params.itemId, false));
  route(app, c.whatsNext, ({ actor }) => whatsNext(k, actor));
  route(app, c.progressTable, ({ actor, params, query }) => progressTable(k, actor, params.id, query));
  app.get("/api/v1/courses/:id/progress.csv", { schema: { summary: "The progress table as CSV", tags: ["completion"] } }, async (req, reply) => {
    if (req.actor.kind !== "user") throw new AppError("unauthenticated");
    const id = z.uuid().safeParse((req.params as { id?: string }).id);
    if (!id.success) throw new AppError("not_found");
    const l = req.locale;
    const body = await progressCsv(k, req.actor, id.data, {
      username: t(l, "ui.enrolment.progress.username"),
      name: t(l, "ui.enrolment.progress.name"),
      percent: t(l, "ui.enrolment.progress.percent"),
      completed: t(l, "ui.enrolment.progress.completedAt"),
    });
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="progress-${id.data}.csv"`)
      .header("cache-control", "no-store")
      .send(body);
  });

  route(app, c.listProgrammes, ({ actor }) => listProgrammes(k, actor));
  route(app, c.myProgrammes, ({ actor }) => myProgrammes(k, actor));
  route(app, c.openProgrammes, ({ actor }) => listOpenProgrammes(k, actor));
  route(app, c.joinProgramme, ({ actor, params }) => joinProgramme(k, actor, params.id));
  route(app, c.getProgramme, ({ actor, params }) => getProgramme(k, actor, params.id));
  route(app, c.createProgramme, ({ actor, body }) => createProgramme(k, actor, body));
  route(app, c.updateProgramme, ({ actor, params, body }) => updateProgramme(k, actor, params.id, body));
  route(app, c.deleteProgramme, ({ actor, params }) => deleteProgramme(k, actor, params.id));
  route(app, c.setProgrammeCourses, ({ actor, params, body }) => setProgrammeCourses(k, actor, params.id, body.courseIds));
  route(app, c.enrolInProgramme, ({ actor, params, body }) => enrolInProgramme(k, actor, params.id, body.userIds));
}
