import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { accessOf, type CourseRow } from "../access.ts";
import { presentCard } from "../present.ts";
import { coursesOfMember } from "../repo.ts";

/** Courses where the person holds a role and that they may open (a learner does not see a draft). */
export async function listMyCourses(k: Kernel, actor: Actor) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const rows = await coursesOfMember(k.db, actor.tenant.id, actor.userId);
  return rows
    .filter((r) => {
      const roles = r.roles ?? [];
      if (roles.some((x) => x === "manager" || x === "teacher" || x === "assistant")) return true;
      return r.status === "published";
    })
    .map(presentCard);
}
