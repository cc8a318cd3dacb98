import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { logModeration } from "../access.ts";

/**
 * Platform admins silence a person (they read but may not post) or suspend them (no forums at
 * all) until a date, or lift both; the reason goes to the moderators' log.
 */
export async function restrictPerson(k: Kernel, actor: Actor, userId: string, input: { action: "silence" | "suspend" | "lift"; until?: string | null; reason: string }) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  authorize(actor, "org.manage", { orgPath: `/${actor.tenant.rootOrgId}/` });
  const tid = actor.tenant.id;
  const person = await k.db.selectFrom("users").select("id").where("tenant_id", "=", tid).where("id", "=", userId).executeTakeFirst();
  if (!person) throw notFound();
  if (userId === actor.userId) throw new AppError("moderation.not_yourself", {}, undefined, 422);
  const until = input.until ? new Date(input.until) : null;
  if (input.action !== "lift" && (!until || until <= new Date())) throw new AppError("validation", {}, { until: { code: "moderation.until_future" } });
  const set = input.action === "lift" ? { silenced_until: null, suspended_until: null } : input.action === "silence" ? { silenced_until: until } : { suspended_until: until };
  await k.db
    .insertInto("forum_people")
    .values({ tenant_id: tid, user_id: userId, silenced_until: null, suspended_until: null, ...set })
    .onConflict((oc) => oc.columns(["tenant_id", "user_id"]).doUpdateSet(set))
    .execute();
  await logModeration(k.db, tid, { id: newId(), targetUserId: userId, moderatorId: actor.userId, action: input.action, reason: input.reason, until });
  return { ok: true as const };
}
