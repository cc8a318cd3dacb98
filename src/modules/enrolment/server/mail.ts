import { isLocale, type Locale, t } from "../../../kernel/i18n.ts";
import { layoutMail } from "../../../kernel/mail.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { brandingOf } from "../../orgs/server/index.ts";
import { themeFor } from "../../orgs/shared/branding.ts";

type Recipient = { email: string | null; given_name: string; locale: string | null };

/**
 * Enrolment mails (a request to approve, a decision), branded with the course's node and
 * written in each recipient's language. Failures to send are kept in the outbox, never thrown.
 */
export async function sendEnrolmentMail(
  k: Kernel,
  tenantId: string,
  orgPath: string,
  to: Recipient[],
  kind: "request" | "approved" | "refused",
  values: { course: string; person?: string; url: string },
  fallback: Locale,
) {
  const list = to.filter((r) => r.email);
  if (list.length === 0) return;
  const b = await brandingOf(k.db, tenantId, orgPath);
  const theme = themeFor(b.primaryColor);
  for (const r of list) {
    const locale: Locale = isLocale(r.locale) ? r.locale : fallback;
    const v = { ...values, name: r.given_name, platform: b.platformName };
    const { html, text } = layoutMail(
      { platformName: b.platformName, color: theme.primary, onColor: theme.onPrimary, logoUrl: b.logoUrl },
      {
        title: t(locale, `mail.enrolment.${kind}.title`, v),
        lines: [t(locale, "mail.enrolment.hello", v), t(locale, `mail.enrolment.${kind}.body`, v)],
        action: { label: t(locale, `mail.enrolment.${kind}.action`, v), url: values.url },
        footer: t(locale, "mail.enrolment.footer", v),
      },
    );
    await k.mailer.send({ tenantId, to: r.email!, subject: t(locale, `mail.enrolment.${kind}.subject`, v), html, text });
  }
}
