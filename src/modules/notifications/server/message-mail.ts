import { sql } from "kysely";
import { t } from "../../../kernel/i18n.ts";
import { enqueueJob, registerJob } from "../../../kernel/jobs.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { listMail, mailablePeople, platformContext } from "./mails.ts";

/**
 * A private message's mail: "<sender> wrote to you", with a link, to the recipients whose
 * preferences ask for immediate notifications by email. The message itself is not in the mail
 * (it stays on the platform, behind sign-in). One statement in the request; the job builds and
 * sends the mails. People who take digests or no email get the in-app notification only.
 */
export async function mailMessageNotice(k: Kernel, tenantId: string, userIds: string[], notice: { sender: string; url: string }) {
  if (userIds.length === 0) return;
  const r = await sql<{ user_id: string }>`select user_id from notification_prefs
    where tenant_id = ${tenantId} and user_id = any(${userIds}::uuid[]) and delivery = 'immediate' and by_email`.execute(k.db);
  if (r.rows.length) await enqueueJob(k, tenantId, "message-mail", { userIds: r.rows.map((x) => x.user_id), ...notice });
}

registerJob("message-mail", async (k, tenantId, payload) => {
  const [people, ctx] = await Promise.all([mailablePeople(k, tenantId, payload.userIds as string[]), platformContext(k, tenantId)]);
  const v = { sender: String(payload.sender), platform: ctx.brand.platformName };
  const mails = await Promise.all(
    people.map((p) =>
      listMail(k, tenantId, ctx, p, "notifications", {
        subject: t(p.locale, "mail.notifications.messageSubject", v),
        title: t(p.locale, "mail.notifications.messageTitle", v),
        lines: [t(p.locale, "mail.notifications.messageIntro", v)],
        action: { label: t(p.locale, "mail.notifications.openMessage"), url: `${ctx.base}${String(payload.url)}` },
        footer: t(p.locale, "mail.notifications.messageFooter", v),
      }),
    ),
  );
  await k.mailer.sendMany(mails);
});
