import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadReportableProgramme } from "./build-programme-report.ts";

/** Records (or clears, when empty) who funds a learner's programme: the programme's managers. */
export async function setProgrammeFunder(k: Kernel, actor: Actor, programmeId: string, userId: string, funder: string) {
  const { tenantId: tid } = await loadReportableProgramme(k, actor, programmeId);
  const member = await k.db
    .selectFrom("programme_members")
    .select("user_id")
    .where("tenant_id", "=", tid)
    .where("programme_id", "=", programmeId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!member) throw notFound();
  if (!funder) {
    await k.db.deleteFrom("programme_funding").where("tenant_id", "=", tid).where("programme_id", "=", programmeId).where("user_id", "=", userId).execute();
    return { funder: null };
  }
  await k.db
    .insertInto("programme_funding")
    .values({ tenant_id: tid, programme_id: programmeId, user_id: userId, funder })
    .onConflict((oc) => oc.columns(["tenant_id", "programme_id", "user_id"]).doUpdateSet({ funder, updated_at: new Date() }))
    .execute();
  return { funder };
}
