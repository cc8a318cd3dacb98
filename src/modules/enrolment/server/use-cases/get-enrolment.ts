import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { enrolmentState } from "../state.ts";

export async function getEnrolment(k: Kernel, actor: Actor, courseId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "view");
  return enrolmentState(k, actor as UserActor, a);
}
