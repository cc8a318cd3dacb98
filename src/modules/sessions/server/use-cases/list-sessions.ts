import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { presentSession } from "../present.ts";
import { findCourseSession, listCourseSessions } from "../repo.ts";

/** Sessions of a course anyone who sees the course may read (two queries whatever the number of sessions). */
export async function listSessions(k: Kernel, actor: Actor, courseId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "view");
  const rows = await listCourseSessions(k.db, actor.tenant!.id, courseId, actorId(actor));
  return {
    course: { id: a.course.id, title: a.course.title },
    canEdit: a.canEdit,
    canTeach: a.canTeach,
    canRegister: a.isLearner,
    items: rows.map((r) => presentSession(r)),
  };
}

export async function getSession(k: Kernel, actor: Actor, courseId: string, sessionId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "view");
  const row = await findCourseSession(k.db, actor.tenant!.id, courseId, sessionId, actorId(actor));
  if (!row) throw notFound();
  return { ...presentSession(row), course: { id: a.course.id, title: a.course.title }, canEdit: a.canEdit, canTeach: a.canTeach, canRegister: a.isLearner };
}

export const NOBODY = "00000000-0000-0000-0000-000000000000";
export const actorId = (actor: Actor) => (actor.kind === "user" ? actor.userId : NOBODY);
