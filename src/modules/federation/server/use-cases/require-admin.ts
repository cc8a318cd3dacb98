import { type Actor, authorize, type UserActor } from "../../../../kernel/auth/actor.ts";

/** Agreements and support grants bind the whole platform: only admins of its root node handle them. */
export function requirePlatformAdmin(actor: Actor): asserts actor is UserActor {
  authorize(actor, "org.manage", { orgPath: actor.tenant ? `/${actor.tenant.rootOrgId}/` : undefined });
}
