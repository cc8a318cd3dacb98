import { type Actor, allowed, type UserActor } from "../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../kernel/errors.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { getUser, rolesOf } from "./repo.ts";

/** Loads a person the actor may see (themselves, or someone in a branch they administer); 404 otherwise. */
export async function visibleUser(k: Kernel, actor: Actor, id: string) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const [user, roles] = await Promise.all([getUser(k.db, actor.tenant.id, id), rolesOf(k.db, actor.tenant.id, [id])]);
  const paths = roles.map((r) => r.path);
  if (!user || !allowed(actor as UserActor, "user.read", { userId: id, orgPaths: paths })) throw notFound();
  return { user, paths };
}
