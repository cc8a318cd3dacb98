import { sql } from "kysely";
import { isLocale, type Locale, t } from "../../../kernel/i18n.ts";
import { layoutMail, type Mail } from "../../../kernel/mail.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { brandingOf } from "../../orgs/server/index.ts";
import { themeFor } from "../../orgs/shared/branding.ts";
import { type UnsubscribeScope, unsubscribeToken } from "./tokens.ts";

export type Person = { id: string; email: string; locale: Locale; given_name: string };

/** Active people with an address, in their language (the platform's otherwise). */
export async function mailablePeople(k: Kernel, tenantId: string, ids: string[]): Promise<Person[]> {
  if (ids.length === 0) return [];
  const rows = await k.db
    .selectFrom("users as u")
    .innerJoin("tenants as t", "t.id", "u.tenant_id")
    .select(["u.id", "u.email", "u.locale", "u.given_name", "t.default_locale"])
    .where("u.tenant_id", "=", tenantId)
    .where("u.id", "=", sql<string>`any(${ids}::uuid[])`)
    .where("u.status", "=", "active")
    .where("u.email", "is not", null)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email!,
    given_name: r.given_name,
    locale: isLocale(r.locale) ? r.locale : isLocale(r.default_locale) ? r.default_locale : "fr",
  }));
}

/** Branding and public address of a platform, for mails built outside any request. */
export async function platformContext(k: Kernel, tenantId: string) {
  const t = await k.db.selectFrom("tenants").select(["slug", "root_org_id"]).where("id", "=", tenantId).executeTakeFirstOrThrow();
  const b = await brandingOf(k.db, tenantId, `/${t.root_org_id}/`);
  const theme = themeFor(b.primaryColor);
  return {
    base: `${k.config.publicUrl}/p/${t.slug}`,
    brand: { platformName: b.platformName, color: theme.primary, onColor: theme.onPrimary, logoUrl: b.logoUrl },
  };
}
export type PlatformContext = Awaited<ReturnType<typeof platformContext>>;

export type ListMailContent = {
  subject: string;
  title: string;
  lines: string[];
  links?: { label: string; url: string; note?: string }[];
  action?: { label: string; url: string };
  footer: string;
};

/**
 * A branded mail with one-click unsubscribe (RFC 8058): the List-Unsubscribe URL answers a POST
 * without cookies or CSRF token; opened in a browser it shows a confirmation page.
 */
export async function listMail(k: Kernel, tenantId: string, ctx: PlatformContext, p: Person, scope: UnsubscribeScope, m: ListMailContent): Promise<Mail> {
  const unsubscribe = `${ctx.base}/unsubscribe/${await unsubscribeToken(k, tenantId, p.id, scope)}`;
  const { html, text } = layoutMail(ctx.brand, { ...m, unsubscribe: { label: t(p.locale, "mail.notifications.unsubscribe"), url: unsubscribe } });
  return {
    tenantId,
    to: p.email,
    subject: m.subject,
    html,
    text,
    headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "Auto-Submitted": "auto-generated" },
  };
}

/** Builds and sends one list mail (see listMail; bulk senders build a batch and call k.mailer.sendMany). */
export async function sendListMail(k: Kernel, tenantId: string, ctx: PlatformContext, p: Person, scope: UnsubscribeScope, m: ListMailContent) {
  return k.mailer.send(await listMail(k, tenantId, ctx, p, scope, m));
}

/** Runs `fn` over items with at most `n` at a time (SMTP round trips overlap; the pool bounds them). */
export async function eachLimit<T>(items: T[], n: number, fn: (x: T) => Promise<unknown>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}
