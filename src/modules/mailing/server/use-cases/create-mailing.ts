import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { enqueueJob, notifyUsers } from "../../../notifications/server/index.ts";
import type { Audience } from "../../shared/contract.ts";
import { audienceSql, authorizeAudience } from "../audience.ts";

/**
 * Writes to an audience: the recipients are fixed now (one INSERT ... SELECT, so a report
 * lists exactly who was meant), people without an address or who unsubscribed from
 * announcements are marked skipped at once, and a background job sends the rest.
 */
export async function createMailing(k: Kernel, actor: Actor, input: { audience: Audience; subject: string; body: string }) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const { label } = await authorizeAudience(k, actor, input.audience);
  const tid = actor.tenant.id;
  const id = newId();
  await k.db
    .insertInto("mailings")
    .values({ tenant_id: tid, id, author_id: actor.userId, audience: JSON.stringify({ ...input.audience, label }), subject: input.subject, body: input.body })
    .execute();
  const inserted = await sql<{ user_id: string }>`
    insert into mailing_recipients (tenant_id, mailing_id, user_id, email, status)
    select ${tid}::uuid, ${id}::uuid, a.user_id, a.email,
      case when a.email is null or coalesce(p.mailing_opt_out, false) then 'skipped' else 'queued' end
    from (${audienceSql(tid, input.audience)}) a
    left join notification_prefs p on p.tenant_id = ${tid} and p.user_id = a.user_id
    where a.user_id <> ${actor.userId}
    returning user_id`.execute(k.db);
  const total = inserted.rows.length;
  if (total === 0) {
    await k.db.deleteFrom("mailings").where("tenant_id", "=", tid).where("id", "=", id).execute();
    throw new AppError("mailing.empty_audience", {}, undefined, 422);
  }
  await k.db.updateTable("mailings").set({ total }).where("tenant_id", "=", tid).where("id", "=", id).execute();
  await enqueueJob(k, tid, "mailing-send", { mailingId: id });
  await notifyUsers(
    k,
    tid,
    inserted.rows.map((r) => r.user_id),
    { kind: "mailing.new", params: { subject: input.subject, audience: label, excerpt: input.body.slice(0, 200) }, url: null },
  );
  k.record({ tenantId: tid, actorId: actor.userId, verb: "sent", objectType: "mailing", objectId: id, context: { audience: input.audience.kind, total } });
  return { id, total };
}
