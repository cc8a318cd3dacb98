import { createHash } from "node:crypto";
import { isLocale, type Locale, t } from "../../../kernel/i18n.ts";
import { layoutMail } from "../../../kernel/mail.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { brandingOf } from "../../orgs/server/index.ts";
import { themeFor } from "../../orgs/shared/branding.ts";
import type { FileRef } from "../shared/contract.ts";
import type { Loaded } from "./load.ts";

/**
 * A submission receipt: a digest of exactly what was submitted (the assignment, the participant,
 * the text, each file's id and size, the moment), shown as groups of four hex digits. A learner
 * can later prove what they handed in; the same content always gives the same receipt.
 */
export function receiptOf(x: { itemId: string; participant: string; textDoc: unknown; files: { id: string; size: number }[]; submittedAt: Date }) {
  const canonical = JSON.stringify([x.itemId, x.participant, x.textDoc ?? null, x.files.map((f) => [f.id, f.size]), x.submittedAt.toISOString()]);
  const hex = createHash("sha256").update(canonical).digest("hex").slice(0, 20).toUpperCase();
  return hex.match(/.{4}/g)!.join("-");
}

/** Mails the receipt to the submitter and, for a group, to every member, each in their language. */
export async function mailReceipt(
  k: Kernel,
  l: Loaded,
  to: string[],
  r: { receipt: string; submittedAt: Date; files: FileRef[]; hasText: boolean; groupName: string | null; late: boolean },
  base: string,
) {
  if (to.length === 0) return;
  const people = await k.db.selectFrom("users").select(["id", "email", "given_name", "locale"]).where("tenant_id", "=", l.tid).where("id", "in", to).execute();
  const b = await brandingOf(k.db, l.tid, l.access.course.org_path);
  const theme = themeFor(b.primaryColor);
  const url = `${base}/courses/${l.a.course_id}/assignments/${l.item.id}`;
  for (const p of people) {
    if (!p.email) continue;
    const locale: Locale = isLocale(p.locale) ? p.locale : "fr";
    const when = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "medium", timeZone: k.config.TIME_ZONE }).format(r.submittedAt);
    const values = {
      name: p.given_name,
      assignment: l.item.title,
      course: l.access.course.title,
      receipt: r.receipt,
      when,
      group: r.groupName ?? "",
      platform: b.platformName,
    };
    const lines = [
      t(locale, "mail.assignments.hello", values),
      t(locale, r.groupName ? "mail.assignments.receiptGroup" : "mail.assignments.receiptBody", values),
      t(locale, "mail.assignments.receiptCode", values),
    ];
    if (r.late) lines.push(t(locale, "mail.assignments.late"));
    if (r.hasText) lines.push(t(locale, "mail.assignments.withText"));
    for (const f of r.files) lines.push(`• ${f.name}`);
    const { html, text } = layoutMail(
      { platformName: b.platformName, color: theme.primary, onColor: theme.onPrimary, logoUrl: b.logoUrl },
      {
        title: t(locale, "mail.assignments.receiptTitle", values),
        lines,
        action: { label: t(locale, "mail.assignments.action"), url },
        footer: t(locale, "mail.assignments.footer", values),
      },
    );
    await k.mailer.send({ tenantId: l.tid, to: p.email, subject: t(locale, "mail.assignments.receiptSubject", values), html, text });
  }
}
