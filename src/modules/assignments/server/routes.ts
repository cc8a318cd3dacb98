import type { FastifyInstance, FastifyRequest } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { createAssignment } from "./use-cases/create-assignment.ts";
import { getAssignment } from "./use-cases/get-assignment.ts";
import { getSubmission } from "./use-cases/get-submission.ts";
import { gradeSubmission } from "./use-cases/grade-submission.ts";
import { listSubmissions } from "./use-cases/list-submissions.ts";
import { releaseGrades } from "./use-cases/release-grades.ts";
import { reopenSubmission } from "./use-cases/reopen-submission.ts";
import { revealIdentities } from "./use-cases/reveal-identities.ts";
import { saveSubmission } from "./use-cases/save-submission.ts";
import { setExtension } from "./use-cases/set-extension.ts";
import { submitSubmission } from "./use-cases/submit-submission.ts";
import { updateAssignment } from "./use-cases/update-assignment.ts";

/** The platform's public base URL for links in mails: its own host, or /p/<slug> in path mode. */
const baseUrl = (k: Kernel, req: FastifyRequest) => (req.basePath ? `${k.config.publicUrl}${req.basePath}` : `${req.protocol}://${req.host}`);

export function assignmentRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.createAssignment, ({ actor, params, body }) => createAssignment(k, actor, params.courseId, body));
  route(app, c.getAssignment, ({ actor, params }) => getAssignment(k, actor, params.courseId, params.itemId));
  route(app, c.updateAssignment, ({ actor, params, body }) => updateAssignment(k, actor, params.courseId, params.itemId, body));
  route(app, c.saveSubmission, ({ actor, params, body }) => saveSubmission(k, actor, params.courseId, params.itemId, body));
  route(app, c.submitSubmission, ({ actor, params, body, req }) => submitSubmission(k, actor, params.courseId, params.itemId, body.revision, baseUrl(k, req)));
  route(app, c.listSubmissions, ({ actor, params }) => listSubmissions(k, actor, params.courseId, params.itemId));
  route(app, c.getSubmission, ({ actor, params }) => getSubmission(k, actor, params.courseId, params.itemId, params.submissionId));
  route(app, c.gradeSubmission, ({ actor, params, body }) => gradeSubmission(k, actor, params.courseId, params.itemId, params.submissionId, body));
  route(app, c.setExtension, ({ actor, params, body }) => setExtension(k, actor, params.courseId, params.itemId, params.submissionId, body.dueAt));
  route(app, c.reopenSubmission, ({ actor, params }) => reopenSubmission(k, actor, params.courseId, params.itemId, params.submissionId));
  route(app, c.releaseGrades, ({ actor, params }) => releaseGrades(k, actor, params.courseId, params.itemId));
  route(app, c.revealIdentities, async ({ actor, params }) => {
    await revealIdentities(k, actor, params.courseId, params.itemId);
    return { ok: true as const };
  });
}
