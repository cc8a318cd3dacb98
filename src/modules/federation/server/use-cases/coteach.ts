import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { getAssignment, getSubmission, gradeSubmission, listSubmissions } from "../../../assignments/server/index.ts";
import { addItem, updateItem } from "../../../courses/server/index.ts";
import { downloadFile } from "../../../files/server/index.ts";
import type { RubricFill } from "../../../rubrics/shared/rubric.ts";
import { audit } from "../audit.ts";
import { asCoTeacher, asGuest } from "../remote.ts";
import { hostItemKind, hostItemTitle, isHostCourseFile, isHostItemFile, myEnrolments } from "../repo.ts";

/**
 * Co-teaching a partner's course from the home platform: each use case opens the door as a
 * co-teacher (remote.ts, asCoTeacher), then runs the host's own assignment use case with the
 * host's actor for the person, so the host's rules for the course's teachers apply unchanged.
 */
type Where = { agreementId: string; courseId: string; itemId: string };

function signedIn(actor: Actor): asserts actor is UserActor {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
}

/** The assignment as the course's teachers see it (settings, rubric, maximum score). */
export async function getPartnerAssignment(k: Kernel, actor: Actor, w: Where) {
  signedIn(actor);
  const { guest } = await asCoTeacher(k, actor, w.agreementId, w.courseId);
  return getAssignment(k, guest, w.courseId, w.itemId);
}

/** The marking list: every participant's submission, from every platform. */
export async function listPartnerSubmissions(k: Kernel, actor: Actor, w: Where) {
  signedIn(actor);
  const { guest } = await asCoTeacher(k, actor, w.agreementId, w.courseId);
  return listSubmissions(k, guest, w.courseId, w.itemId);
}

/** One submission with the grade and feedback given so far. */
export async function getPartnerSubmission(k: Kernel, actor: Actor, w: Where & { submissionId: string }) {
  signedIn(actor);
  const { guest } = await asCoTeacher(k, actor, w.agreementId, w.courseId);
  return getSubmission(k, guest, w.courseId, w.itemId, w.submissionId);
}

/**
 * Grades a submission on the host: the grade is the host's, given by the person's federated user
 * (named with their home platform), so it stays after the agreement ends. Logged on both sides.
 */
export async function gradePartnerSubmission(
  k: Kernel,
  actor: Actor,
  w: Where & { submissionId: string },
  input: { score?: number | null; rubricFill?: RubricFill | null; feedback?: unknown },
) {
  signedIn(actor);
  const { host, guest } = await asCoTeacher(k, actor, w.agreementId, w.courseId);
  const graded = await gradeSubmission(k, guest, w.courseId, w.itemId, w.submissionId, input);
  const item = (await hostItemTitle(k.db, host.id, w.courseId, w.itemId)) ?? "";
  await audit(k, [host.id, actor.tenant.id], { agreementId: w.agreementId, action: "graded_submission", who: actor, detail: { item } });
  return graded;
}

/**
 * Adds a page to a section of the course: the host's course editing rules decide (the co-teacher
 * holds the teacher role there), as for its own teachers. Logged on both sides.
 */
export async function addPartnerPage(
  k: Kernel,
  actor: Actor,
  w: { agreementId: string; courseId: string },
  input: { sectionId: string; title: string; body?: unknown },
) {
  signedIn(actor);
  const { host, guest } = await asCoTeacher(k, actor, w.agreementId, w.courseId);
  const item = await addItem(k, guest, w.courseId, { sectionId: input.sectionId, kind: "page", title: input.title, body: input.body });
  await audit(k, [host.id, actor.tenant.id], { agreementId: w.agreementId, action: "added_page", who: actor, detail: { item: item.title } });
  return item;
}

/** Changes a page's title and text (pages only: other kinds have their own editors on the host). */
export async function updatePartnerPage(k: Kernel, actor: Actor, w: Where, input: { title?: string; body?: unknown }) {
  signedIn(actor);
  const { host, guest } = await asCoTeacher(k, actor, w.agreementId, w.courseId);
  const kind = await hostItemKind(k.db, host.id, w.courseId, w.itemId);
  if (kind !== "page") throw notFound();
  const item = await updateItem(k, guest, w.courseId, w.itemId, { title: input.title, body: input.body });
  await audit(k, [host.id, actor.tenant.id], { agreementId: w.agreementId, action: "edited_page", who: actor, detail: { item: item.title } });
  return item;
}

/**



 */
export async function downloadPartnerFile(
  k: Kernel,
  req: FastifyRequest<{ Params: { agreementId: string; courseId: string; fileId: string } }>,
  reply: FastifyReply,
) {
  const actor = req.actor;
  signedIn(actor);
  const { agreementId, courseId, fileId } = req.params;
  // co-teachers: the course's files (items, submissions, feedback); learners: its items' files and captions
  const teaching = (await myEnrolments(k.db, actor.tenant.id, actor.userId)).some((e) => e.course_id === courseId && e.role === "teacher");
  const { host, guest } = teaching ? await asCoTeacher(k, actor, agreementId, courseId) : await asGuest(k, actor, agreementId, courseId, "enrol");
  const reachable = teaching ? await isHostCourseFile(k.db, host.id, courseId, fileId) : await isHostItemFile(k.db, host.id, courseId, fileId);
  if (!reachable) throw notFound();
  return downloadFile(k, req as unknown as FastifyRequest<{ Params: { id: string } }>, reply, guest, fileId);
}
