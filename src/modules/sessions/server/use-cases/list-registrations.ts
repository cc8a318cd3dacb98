import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { presentRegistration } from "../present.ts";
import { findCourseSession, listRegistrationRows } from "../repo.ts";
import { NOBODY } from "./list-sessions.ts";

/** Who registered, who waits (with positions), who awaits approval, with attendance: teachers only (three queries). */
export async function listRegistrations(k: Kernel, actor: Actor, courseId: string, sessionId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "teach");
  const tenantId = actor.tenant!.id;
  if (!(await findCourseSession(k.db, tenantId, courseId, sessionId, NOBODY))) throw notFound();
  return { items: (await listRegistrationRows(k.db, tenantId, sessionId)).map(presentRegistration) };
}
