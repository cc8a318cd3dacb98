import { sql } from "kysely";
import { t } from "../../../kernel/i18n.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { enqueueJob, listMail, mailablePeople, platformContext, registerJob } from "../../notifications/server/index.ts";

const BATCH = 200;

/**
 * Sends a batch of a mailing's queued recipients, then queues itself again while some remain (a
 * big audience never makes one long job). The mailer's guard skips bounced addresses: those
 * recipients are reported "bounced"; a permanent SMTP refusal marks the address bounced for later.
 */
registerJob("mailing-send", async (k: Kernel, tenantId, payload) => {
  const mailingId = String(payload.mailingId);
  const m = await k.db.selectFrom("mailings").selectAll().where("tenant_id", "=", tenantId).where("id", "=", mailingId).executeTakeFirst();
  if (!m) return;
  if (m.status === "queued")
    await k.db.updateTable("mailings").set({ status: "sending" }).where("tenant_id", "=", tenantId).where("id", "=", mailingId).execute();
  const batch = await k.db
    .selectFrom("mailing_recipients")
    .select(["user_id", "email"])
    .where("tenant_id", "=", tenantId)
    .where("mailing_id", "=", mailingId)
    .where("status", "=", "queued")
    .limit(BATCH)
    .execute();
  const [people, ctx, author] = await Promise.all([
    mailablePeople(
      k,
      tenantId,
      batch.map((b) => b.user_id),
    ),
    platformContext(k, tenantId),
    k.db.selectFrom("users").select(["given_name", "family_name"]).where("tenant_id", "=", tenantId).where("id", "=", m.author_id).executeTakeFirst(),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const audience = (m.audience as { label?: string }).label ?? "";
  const paragraphs = m.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const v = { author: author ? `${author.given_name} ${author.family_name}` : "", audience, platform: ctx.brand.platformName };
  const mailable = batch.filter((b) => byId.has(b.user_id));
  const mails = await Promise.all(
    mailable.map((b) => {
      const p = byId.get(b.user_id)!;
      return listMail(k, tenantId, ctx, p, "mailing", {
        subject: m.subject,
        title: m.subject,
        lines: [...paragraphs, t(p.locale, "mail.mailing.signature", v)],
        footer: t(p.locale, "mail.mailing.footer", v),
      });
    }),
  );
  const results = await k.mailer.sendMany(mails);
  const outcome = new Map(
    mailable.map((b, i) => {
      const r = results[i]!;
      return [
        b.user_id,
        { status: r.status === "skipped" ? "bounced" : r.status === "failed" ? (r.permanent ? "bounced" : "failed") : "sent", error: r.error },
      ];
    }),
  );
  // one UPDATE for the batch's delivery rows (people no longer mailable: skipped)
  const rows = batch.map((b) => ({ user_id: b.user_id, ...(outcome.get(b.user_id) ?? { status: "skipped", error: null }) }));
  if (rows.length)
    await sql`update mailing_recipients r set status = x.status, error = x.error, sent_at = now()
      from unnest(${rows.map((r) => r.user_id)}::uuid[], ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.error)}::text[]) as x(user_id, status, error)
      where r.tenant_id = ${tenantId} and r.mailing_id = ${mailingId} and r.user_id = x.user_id`.execute(k.db);
  if (batch.length === BATCH) await enqueueJob(k, tenantId, "mailing-send", { mailingId });
  else
    await k.db.updateTable("mailings").set({ status: "done", finished_at: new Date() }).where("tenant_id", "=", tenantId).where("id", "=", mailingId).execute();
});

/** Installs the bounce policy on the kernel mailer: every module's mail skips bounced addresses. */
export function installBounceGuard(k: Kernel) {
  k.mailer.setGuard({
    async bounced(tenantId, to) {
      if (to.length === 0) return new Set();
      const rows = await k.db
        .selectFrom("mail_bounces")
        .select("address")
        .where("tenant_id", "=", tenantId)
        .where("address", "=", sql<string>`any(${to}::text[])`)
        .execute();
      return new Set(rows.map((r) => r.address));
    },
    async failed(tenantId, to, error, permanent) {
      if (!permanent) return;
      await k.db
        .insertInto("mail_bounces")
        .values({ tenant_id: tenantId, address: to.trim().toLowerCase(), reason: error.slice(0, 500) })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
  });
}
