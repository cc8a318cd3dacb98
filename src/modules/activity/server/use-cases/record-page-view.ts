import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";

/**
 * Anyone on a platform may report a page view (the sign-in page counts as a visit too); it only
 * appends to the event log. Query strings are dropped: they may carry tokens.
 */
export function recordPageView(k: Kernel, actor: Actor, path: string) {
  if (!actor.tenant) return;
  k.record({
    tenantId: actor.tenant.id,
    actorId: actor.kind === "user" ? actor.userId : null,
    verb: "viewed",
    objectType: "page",
    objectId: path.split(/[?#]/)[0],
  });
}
