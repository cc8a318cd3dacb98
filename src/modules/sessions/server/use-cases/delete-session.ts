import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { deleteSessionRow, findCourseSession } from "../repo.ts";
import { NOBODY } from "./list-sessions.ts";

export async function deleteSession(k: Kernel, actor: Actor, courseId: string, sessionId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "edit");
  const tenantId = actor.tenant!.id;
  if (!(await findCourseSession(k.db, tenantId, courseId, sessionId, NOBODY))) throw notFound();
  await deleteSessionRow(k.db, tenantId, sessionId);
  k.record({
    tenantId,
    actorId: actor.kind === "user" ? actor.userId : null,
    verb: "deleted",
    objectType: "course-session",
    objectId: sessionId,
    context: { courseId },
  });
}
