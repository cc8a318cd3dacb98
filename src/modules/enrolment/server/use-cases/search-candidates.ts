import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { peopleUnder } from "../repo.ts";

/** People a teacher may enrol: those placed at or under the course's node. */
export async function searchCandidates(k: Kernel, actor: Actor, courseId: string, q: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "teach");
  // a partner's trainer teaches the course but may not browse the platform's people
  if (a.partnerTrainer) throw new AppError("forbidden");
  const rows = await peopleUnder(k.db, a.course.tenant_id, a.course.org_path, courseId, q);
  return { items: rows.map((r) => ({ id: r.id, username: r.username, givenName: r.given_name, familyName: r.family_name, enrolled: !!r.enrolled })) };
}
