import { type Actor, adminPaths, allowed, type UserActor } from "../../../kernel/auth/actor.ts";
import { AppError } from "../../../kernel/errors.ts";
import type { CourseAccess } from "../../courses/server/index.ts";

/** An admin of the whole platform (a grant on its root node). */
export const isPlatformAdmin = (actor: UserActor) => allowed(actor, "org.manage", { orgPath: `/${actor.tenant.rootOrgId}/` });

/** The library is for people who build courses: teachers and admins of a platform, and the deployment's operator. */
export function requireBrowser(actor: Actor): asserts actor is UserActor {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  if (!actor.isOperator && !actor.grants.some((g) => g.role === "teacher" || g.role === "admin")) throw new AppError("forbidden");
}

/**
 * Publishing makes a platform's course visible to the whole network: platform admins decide it,
 * and the course's managers and teachers may too when the platform allows it.
 */
export const mayPublish = (actor: UserActor, a: CourseAccess, teachersMay: boolean) =>
  isPlatformAdmin(actor) || (teachersMay && (a.roles.includes("manager") || a.roles.includes("teacher")));

export { adminPaths };
