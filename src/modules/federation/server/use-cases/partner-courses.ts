import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { getCourse, getItem } from "../../../courses/server/index.ts";
import { progressTable, setDone, upsertMember } from "../../../enrolment/server/index.ts";
import { audit } from "../audit.ts";
import { asCoTeacher, asGuest, grantedCourses, type Right } from "../remote.ts";
import { hostCourses, hostItemTitle, myEnrolments, platformNames, recordItem, upsertEnrolment } from "../repo.ts";

const rightOf = (role: "learner" | "teacher"): Right => (role === "learner" ? "enrol" : "coteach");

function signedIn(actor: Actor): asserts actor is UserActor {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
}

/** Partner courses open to me today, with whether I joined them. */
export async function listPartnerCourses(k: Kernel, actor: Actor) {
  signedIn(actor);
  const [open, joined] = await Promise.all([grantedCourses(k, actor), myEnrolments(k.db, actor.tenant.id, actor.userId)]);
  const mine = new Set(joined.map((e) => `${e.course_id}:${e.role}`));
  return { items: open.map((c) => ({ ...c, enrolled: mine.has(`${c.courseId}:${c.role}`) })) };
}

/**
 * Joins a partner's course as a learner (the "enrol" right) or a co-teacher ("coteach"): the host
 * enrols the person's federated user; the home platform notes the enrolment in the person's record.
 */
export async function joinPartnerCourse(k: Kernel, actor: Actor, agreementId: string, courseId: string, role: "learner" | "teacher") {
  signedIn(actor);
  const { host, guest } = await asGuest(k, actor, agreementId, courseId, rightOf(role), true);
  const [course] = await hostCourses(k.db, host.id, [courseId]);
  if (!course) throw notFound();
  await upsertMember(k.db, host.id, courseId, { userId: guest.userId, role, status: "active", source: "federation" });
  const [hostName] = await platformNames(k.db, [host.id]);
  await upsertEnrolment(k.db, {
    tenant_id: actor.tenant.id,
    user_id: actor.userId,
    course_id: courseId,
    role,
    agreement_id: agreementId,
    host_tenant_id: host.id,
    host_name: hostName?.name ?? host.slug,
    course_title: course.title,
  });
  k.record({
    tenantId: host.id,
    actorId: guest.userId,
    verb: "enrolled",
    objectType: "course",
    objectId: courseId,
    context: { method: "federation", agreementId },
  });
  await audit(k, [host.id, actor.tenant.id], {
    agreementId,
    action: role === "learner" ? "enrolled" : "joined_teaching",
    who: actor,
    detail: { course: course.title },
  });
  return { agreementId, courseId, platform: hostName?.name ?? "", title: course.title, summary: course.summary, role, enrolled: true };
}

/** The right the person holds in a partner course they joined (404 if they did not). */
async function joinedRight(k: Kernel, actor: UserActor, courseId: string, prefer?: "learner") {
  const roles = (await myEnrolments(k.db, actor.tenant.id, actor.userId)).filter((e) => e.course_id === courseId).map((e) => e.role);
  if (roles.length === 0) throw notFound();
  return rightOf(prefer && roles.includes(prefer) ? prefer : roles.includes("teacher") ? "teacher" : "learner");
}

/** The course page, served by the host under the agreement, as the person's federated user sees it. */
export async function getPartnerCourse(k: Kernel, actor: Actor, agreementId: string, courseId: string) {
  signedIn(actor);
  const { host, guest } = await asGuest(k, actor, agreementId, courseId, await joinedRight(k, actor, courseId));
  // the course page comes pre-serialised (as text or bytes): parsed here to add the platform
  const page = JSON.parse(String((await getCourse(k, guest, courseId)).json));
  const [hostName] = await platformNames(k.db, [host.id]);
  return { ...page, platform: hostName?.name ?? "" };
}

/** Opens an item on the host (its view is recorded there) and notes it in the person's record at home. */
export async function getPartnerItem(k: Kernel, actor: Actor, agreementId: string, courseId: string, itemId: string) {
  signedIn(actor);
  const right = await joinedRight(k, actor, courseId, "learner");
  const { guest } = await asGuest(k, actor, agreementId, courseId, right);
  const item = await getItem(k, guest, courseId, itemId);
  if (right === "enrol")
    await recordItem(k.db, { tenant_id: actor.tenant.id, user_id: actor.userId, course_id: courseId, item_id: itemId, item_title: item.title, done_at: null });
  return item;
}

/** Marks an item done on the host; the home record keeps the completion even after the agreement ends. */
export async function markPartnerItemDone(k: Kernel, actor: Actor, agreementId: string, courseId: string, itemId: string) {
  signedIn(actor);
  const { host, guest } = await asGuest(k, actor, agreementId, courseId, "enrol");
  const progress = await setDone(k, guest, courseId, itemId, true);
  const title = (await hostItemTitle(k.db, host.id, courseId, itemId)) ?? "";
  const state = progress.items.find((i) => i.id === itemId);
  await recordItem(k.db, {
    tenant_id: actor.tenant.id,
    user_id: actor.userId,
    course_id: courseId,
    item_id: itemId,
    item_title: title,
    done_at: state?.doneAt ? new Date(state.doneAt) : new Date(),
  });
  await audit(k, [host.id, actor.tenant.id], { agreementId, action: "completed_item", who: actor, detail: { item: title } });
  return progress;
}

/** Co-teachers: the host's progress table of the course. */
export async function partnerCourseProgress(k: Kernel, actor: Actor, agreementId: string, courseId: string, page: { page: number; pageSize: number }) {
  signedIn(actor);
  const { host, guest } = await asCoTeacher(k, actor, agreementId, courseId);
  const table = await progressTable(k, guest, courseId, page);
  await audit(k, [host.id, actor.tenant.id], { agreementId, action: "viewed_progress", who: actor, detail: { courseId } });
  return table;
}
