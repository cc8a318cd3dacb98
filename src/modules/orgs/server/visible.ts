import type { Kysely } from "kysely";
import { type Actor, allowed, type UserActor } from "../../../kernel/auth/actor.ts";
import type { DB } from "../../../kernel/db/schema.ts";
import { AppError, notFound } from "../../../kernel/errors.ts";
import { getOrg } from "./repo.ts";

/**
 * Loads a node the actor may see: 401 without a session, 404 when it does not exist, belongs
 * to another platform or lies outside every branch the actor is part of.
 */
export async function visibleOrg(db: Kysely<DB>, actor: Actor, id: string) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const org = await getOrg(db, actor.tenant.id, id);
  if (!org || !allowed(actor as UserActor, "org.read", { orgPath: org.path })) throw notFound();
  return org;
}
