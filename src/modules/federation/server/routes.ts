import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { copyPartnerCourse, getCopyOrigin, listCopyableCourses } from "./use-cases/copy-course.ts";
import {
  addPartnerPage,
  downloadPartnerFile,
  getPartnerAssignment,
  getPartnerSubmission,
  gradePartnerSubmission,
  listPartnerSubmissions,
  updatePartnerPage,
} from "./use-cases/coteach.ts";
import { decideAgreement } from "./use-cases/decide-agreement.ts";
import { homeProgress, myRecord } from "./use-cases/home-views.ts";
import { listAgreements, listOwnCourses, listPartnerPlatforms } from "./use-cases/list-agreements.ts";
import { listAudit } from "./use-cases/list-audit.ts";
import {
  getPartnerCourse,
  getPartnerItem,
  joinPartnerCourse,
  listPartnerCourses,
  markPartnerItemDone,
  partnerCourseProgress,
} from "./use-cases/partner-courses.ts";
import { proposeAgreement } from "./use-cases/propose-agreement.ts";
import { createSupportGrant, listOperators, listSupportGrants, revokeSupportGrant } from "./use-cases/support-grants.ts";

export function federationRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.listPartnerPlatforms, ({ actor }) => listPartnerPlatforms(k, actor));
  route(app, c.listOwnCourses, ({ actor }) => listOwnCourses(k, actor));
  route(app, c.listAgreements, ({ actor }) => listAgreements(k, actor));
  route(app, c.proposeAgreement, ({ actor, body }) => proposeAgreement(k, actor, body));
  route(app, c.acceptAgreement, ({ actor, params }) => decideAgreement(k, actor, params.id, "accept"));
  route(app, c.declineAgreement, ({ actor, params }) => decideAgreement(k, actor, params.id, "decline"));
  route(app, c.revokeAgreement, ({ actor, params }) => decideAgreement(k, actor, params.id, "revoke"));
  route(app, c.listAudit, ({ actor, query }) => listAudit(k, actor, query.page));
  route(app, c.homeProgress, ({ actor, params }) => homeProgress(k, actor, params.id, params.courseId));

  route(app, c.listPartnerCourses, ({ actor }) => listPartnerCourses(k, actor));
  route(app, c.joinPartnerCourse, ({ actor, params, body }) => joinPartnerCourse(k, actor, params.agreementId, params.courseId, body.role));
  route(app, c.getPartnerCourse, ({ actor, params }) => getPartnerCourse(k, actor, params.agreementId, params.courseId));
  route(app, c.getPartnerItem, ({ actor, params }) => getPartnerItem(k, actor, params.agreementId, params.courseId, params.itemId));
  route(app, c.markPartnerItemDone, ({ actor, params }) => markPartnerItemDone(k, actor, params.agreementId, params.courseId, params.itemId));
  route(app, c.partnerCourseProgress, ({ actor, params, query }) => partnerCourseProgress(k, actor, params.agreementId, params.courseId, query));
  route(app, c.myRecord, ({ actor }) => myRecord(k, actor));
  route(app, c.getPartnerAssignment, ({ actor, params }) => getPartnerAssignment(k, actor, params));
  route(app, c.listPartnerSubmissions, ({ actor, params }) => listPartnerSubmissions(k, actor, params));
  route(app, c.getPartnerSubmission, ({ actor, params }) => getPartnerSubmission(k, actor, params));
  route(app, c.gradePartnerSubmission, ({ actor, params, body }) => gradePartnerSubmission(k, actor, params, body));
  route(app, c.addPartnerPage, ({ actor, params, body }) => addPartnerPage(k, actor, params, body));
  route(app, c.updatePartnerPage, ({ actor, params, body }) => updatePartnerPage(k, actor, params, body));
  app.get(
    "/api/v1/federation/courses/:agreementId/:courseId/files/:fileId",
    {
      schema: {
        summary: "Co-teachers: download a file of a co-taught partner course (an item's file, a submission's attachment), from the partner platform",
        tags: ["federation"],
        params: z.object({ agreementId: z.uuid(), courseId: z.uuid(), fileId: z.uuid() }),
      },
    },
    (req, reply) => downloadPartnerFile(k, req as Parameters<typeof downloadPartnerFile>[1], reply),
  );

  route(app, c.listCopyableCourses, ({ actor }) => listCopyableCourses(k, actor));
  route(app, c.copyPartnerCourse, ({ actor, params, body }) => copyPartnerCourse(k, actor, params.agreementId, params.courseId, body));
  route(app, c.getCopyOrigin, ({ actor, params }) => getCopyOrigin(k, actor, params.courseId));

  route(app, c.listOperators, ({ actor }) => listOperators(k, actor));
  route(app, c.listSupportGrants, ({ actor }) => listSupportGrants(k, actor));
  route(app, c.createSupportGrant, ({ actor, body }) => createSupportGrant(k, actor, body.operatorId, body.hours));
  route(app, c.revokeSupportGrant, ({ actor, params }) => revokeSupportGrant(k, actor, params.id));
}
