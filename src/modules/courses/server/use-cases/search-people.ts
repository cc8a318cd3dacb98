import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { peopleOfBranch } from "../repo.ts";

/** People placed at, above or below the course's node, to add to its team (20 at most). */
export async function searchPeople(k: Kernel, actor: Actor, id: string, q: string) {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "edit");
  // a partner's trainer teaches the course but may not browse the platform's people
  if (a.partnerTrainer) throw new AppError("forbidden");
  const rows = await peopleOfBranch(k.db, a.course.tenant_id, a.course.org_path, q);
  return rows.map((u) => ({ id: u.id, givenName: u.given_name, familyName: u.family_name, username: u.username, profile: u.profile }));
}
