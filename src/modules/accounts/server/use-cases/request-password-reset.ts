import type { Tenant } from "../../../../kernel/auth/actor.ts";
import { hashToken, newToken } from "../../../../kernel/auth/tokens.ts";
import { t, type Locale, isLocale } from "../../../../kernel/i18n.ts";
import { newId } from "../../../../kernel/ids.ts";
import { layoutMail } from "../../../../kernel/mail.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { brandingOf, getOrg } from "../../../orgs/server/index.ts";
import { themeFor } from "../../../orgs/shared/branding.ts";
import { findUserByLogin, insertReset } from "../repo.ts";

const TTL_MS = 60 * 60_000;

/**
 * Anyone may ask (rate-limited per address at the route); the answer never tells whether the
 * account exists. The mail is branded with the platform and written in the person's language.
 */
export async function requestPasswordReset(k: Kernel, tenant: Tenant, login: string, base: string, requestLocale: Locale) {
  const user = await findUserByLogin(k.db, tenant.id, login);
  if (!user || !user.email || user.status !== "active") return;
  const token = newToken();
  await insertReset(k.db, tenant.id, { id: newId(), user_id: user.id, token_hash: hashToken(token), expires_at: new Date(Date.now() + TTL_MS) });
  const root = await getOrg(k.db, tenant.id, tenant.rootOrgId);
  const b = await brandingOf(k.db, tenant.id, root!.path);
  const theme = themeFor(b.primaryColor);
  const locale: Locale = isLocale(user.locale) ? user.locale : requestLocale;
  const url = `${base}/reset-password?token=${encodeURIComponent(token)}`;
  const { html, text } = layoutMail(
    { platformName: b.platformName, color: theme.primary, onColor: theme.onPrimary, logoUrl: b.logoUrl },
    {
      title: t(locale, "mail.reset.title"),
      lines: [t(locale, "mail.reset.hello", { name: user.given_name }), t(locale, "mail.reset.body", { platform: b.platformName, minutes: 60 })],
      action: { label: t(locale, "mail.reset.action"), url },
      footer: t(locale, "mail.reset.footer"),
    },
  );
  await k.mailer.send({ tenantId: tenant.id, to: user.email, subject: t(locale, "mail.reset.subject", { platform: b.platformName }), html, text });
  k.record({ tenantId: tenant.id, actorId: user.id, verb: "password-reset-requested", objectType: "account", objectId: user.id });
}
