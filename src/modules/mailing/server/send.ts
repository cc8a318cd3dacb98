import { t } from "../../../kernel/i18n.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { eachLimit, enqueueJob, mailablePeople, platformContext, registerJob, sendListMail } from "../../notifications/server/index.ts";

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
  await eachLimit(batch, 8, async (b) => {
    const p = byId.get(b.user_id);
    let status: "sent" | "failed" | "bounced" | "skipped" = "skipped";
    let error: string | null = null;
    if (p) {
      const v = { author: author ? `${author.given_name} ${author.family_name}` : "", audience, platform: ctx.brand.platformName };
      const r = await sendListMail(k, tenantId, ctx, p, "mailing", {
        subject: m.subject,
        title: m.subject,
        lines: [...paragraphs, t(p.locale, "mail.mailing.signature", v)],
        footer: t(p.locale, "mail.mailing.footer", v),
      });
      status = r.status === "skipped" ? "bounced" : r.status === "failed" ? (r.permanent ? "bounced" : "failed") : "sent";
      error = r.error;
    }
    await k.db
      .updateTable("mailing_recipients")
      .set({ status, error, sent_at: new Date() })
      .where("tenant_id", "=", tenantId)
      .where("mailing_id", "=", mailingId)
      .where("user_id", "=", b.user_id)
      .execute();
  });
  if (batch.length === BATCH) await enqueueJob(k, tenantId, "mailing-send", { mailingId });
  else
    await k.db.updateTable("mailings").set({ status: "done", finished_at: new Date() }).where("tenant_id", "=", tenantId).where("id", "=", mailingId).execute();
});

/** Installs the bounce policy on the kernel mailer: every module's mail skips bounced addresses. */
export function installBounceGuard(k: Kernel) {
  k.mailer.setGuard({
    async skip(tenantId, to) {
      const r = await k.db
        .selectFrom("mail_bounces")
        .select("address")
        .where("tenant_id", "=", tenantId)
        .where("address", "=", to.trim().toLowerCase())
        .executeTakeFirst();
      return !!r;
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
