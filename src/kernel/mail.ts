import type { Kysely } from "kysely";
import nodemailer, { type Transporter } from "nodemailer";
import type { DB } from "./db/schema.ts";
import { newId } from "./ids.ts";

/** A file sent with a mail, e.g. an ICS invitation (`text/calendar; method=REQUEST`). */
export type MailAttachment = { filename: string; contentType: string; content: string | Buffer };
export type Mail = {
  tenantId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
  headers?: Record<string, string>;
};
export type SendResult = { status: "kept" | "sent" | "failed" | "skipped"; error: string | null; permanent: boolean };

/**
 * Optional policy a module installs (mailing: bounced addresses): `bounced` says which of a
 * platform's addresses must not be mailed (one query for a whole batch, lower-cased answers);
 * `failed` learns of a refusal (permanent when the server answered 5xx).
 */
export type MailGuard = {
  bounced(tenantId: string, to: string[]): Promise<Set<string>>;
  failed(tenantId: string, to: string, error: string, permanent: boolean): Promise<void>;
};

/** What the outbox keeps of an attachment: its name, type, size and (when small) its content in base64. */
const noteOf = (a: MailAttachment) => {
  const buf = typeof a.content === "string" ? Buffer.from(a.content, "utf8") : a.content;
  return { filename: a.filename, contentType: a.contentType, size: buf.length, ...(buf.length <= 64 * 1024 && { base64: buf.toString("base64") }) };
};

/** Outbox rows per INSERT statement (a few MB of bodies at most, far below the bind-parameter limit). */
const OUTBOX_CHUNK = 250;
/** Mails handed to the transport at once by sendMany: enough to keep every pooled connection busy. */
const IN_FLIGHT = 16;

/**
 * Sends through SMTP when SMTP_URL is set; otherwise keeps mails in the outbox, which the
 * deployment admin reads in the UI. Every mail is logged in the outbox either way, so an
 * operator can tell what was sent and what failed.
 *
 * The transport is a pool (5 connections, each reused for up to 1000 mails, unless SMTP_URL's
 * query says otherwise: `?pool=false`, `maxConnections=`, `maxMessages=`): a connection and its
 * SMTP greeting are not paid per mail. `sendMany` is the bulk path (digests, mailings): one bounce
 * lookup and a few outbox INSERTs per batch instead of two statements per mail.
 */
export class Mailer {
  private readonly transport?: Transporter;
  private guard?: MailGuard;

  constructor(
    private readonly db: Kysely<DB>,
    smtpUrl: string | undefined,
    private readonly from: string,
  ) {
    if (smtpUrl) this.transport = nodemailer.createTransport({ pool: true, maxConnections: 5, maxMessages: 1000, url: smtpUrl });
  }

  setGuard(guard: MailGuard) {
    this.guard = guard;
  }

  /** Closes the pooled SMTP connections (server shutdown). */
  close() {
    this.transport?.close();
  }

  async send(mail: Mail): Promise<SendResult> {
    return (await this.sendMany([mail]))[0]!;
  }

  /** Sends mails (of any platforms) and returns one result per mail, in order. */
  async sendMany(mails: Mail[]): Promise<SendResult[]> {
    const results: SendResult[] = new Array(mails.length);
    const skipped = await this.bouncedOf(mails);
    let next = 0;
    const worker = async () => {
      while (next < mails.length) {
        const i = next++;
        const mail = mails[i]!;
        results[i] = skipped.has(i) ? { status: "skipped", error: null, permanent: false } : await this.deliver(mail);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, mails.length) }, worker));
    const logged = mails.flatMap((mail, i) => (results[i]!.status === "skipped" ? [] : [{ mail, r: results[i]! }]));
    for (let i = 0; i < logged.length; i += OUTBOX_CHUNK) {
      await this.db
        .insertInto("mail_outbox")
        .values(
          logged.slice(i, i + OUTBOX_CHUNK).map(({ mail, r }) => ({
            tenant_id: mail.tenantId,
            id: newId(),
            to_address: mail.to,
            subject: mail.subject,
            text_body: mail.text,
            html_body: mail.html,
            status: r.status as "kept" | "sent" | "failed",
            error: r.error,
            attachments: mail.attachments?.length ? JSON.stringify(mail.attachments.map(noteOf)) : null,
          })),
        )
        .execute();
    }
    return results;
  }

  /** Indexes of the mails whose address bounced before: one guard query per platform in the batch. */
  private async bouncedOf(mails: Mail[]): Promise<Set<number>> {
    const out = new Set<number>();
    if (!this.guard) return out;
    const byTenant = new Map<string, number[]>();
    mails.forEach((m, i) => {
      const idx = byTenant.get(m.tenantId) ?? [];
      byTenant.set(m.tenantId, idx);
      idx.push(i);
    });
    for (const [tenantId, idx] of byTenant) {
      const bounced = await this.guard.bounced(tenantId, [...new Set(idx.map((i) => mails[i]!.to.trim().toLowerCase()))]);
      for (const i of idx) if (bounced.has(mails[i]!.to.trim().toLowerCase())) out.add(i);
    }
    return out;
  }

  private async deliver(mail: Mail): Promise<SendResult> {
    if (!this.transport) return { status: "kept", error: null, permanent: false };
    try {
      await this.transport.sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        ...(mail.headers && { headers: mail.headers }),
        ...(mail.attachments?.length
          ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })) }
          : {}),
      });
      return { status: "sent", error: null, permanent: false };
    } catch (e) {
      const error = (e as Error).message;
      // nodemailer puts the SMTP reply code on the error: 5xx is a permanent refusal (unknown mailbox...)
      const code = (e as { responseCode?: number }).responseCode;
      const permanent = typeof code === "number" && code >= 500 && code < 600;
      await this.guard?.failed(mail.tenantId, mail.to, error, permanent);
      return { status: "failed", error, permanent };
    }
  }
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A branded, accessible HTML mail with a plain-text twin. */
export function layoutMail(
  b: { platformName: string; color: string; onColor: string; logoUrl?: string | null },
  m: {
    title: string;
    lines: string[];
    action?: { label: string; url: string };
    footer: string;
    links?: { label: string; url: string; note?: string }[];
    unsubscribe?: { label: string; url: string };
  },
) {
  const links = m.links ?? [];
  const html = `<!doctype html><html><body style="margin:0;background:#f4f4f5;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2937">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#fff;border-radius:8px;overflow:hidden">
<tr><td style="background:${b.color};color:${b.onColor};padding:16px 24px;font-size:18px;font-weight:600">${b.logoUrl ? `<img src="${esc(b.logoUrl)}" alt="" height="28" style="vertical-align:middle;margin-right:8px">` : ""}${esc(b.platformName)}</td></tr>
<tr><td style="padding:24px"><h1 style="font-size:20px;margin:0 0 16px">${esc(m.title)}</h1>
${m.lines.map((l) => `<p style="margin:0 0 12px;line-height:1.5">${esc(l)}</p>`).join("")}
${links.length ? `<ul style="margin:0 0 12px;padding-left:20px">${links.map((l) => `<li style="margin:0 0 10px;line-height:1.5"><a href="${esc(l.url)}" style="color:#1d4ed8">${esc(l.label)}</a>${l.note ? `<br><span style="color:#4b5563">${esc(l.note)}</span>` : ""}</li>`).join("")}</ul>` : ""}
${m.action ? `<p style="margin:24px 0"><a href="${esc(m.action.url)}" style="background:${b.color};color:${b.onColor};padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${esc(m.action.label)}</a></p><p style="font-size:13px;color:#4b5563;word-break:break-all">${esc(m.action.url)}</p>` : ""}
</td></tr><tr><td style="padding:16px 24px;font-size:12px;color:#4b5563;border-top:1px solid #e5e7eb">${esc(m.footer)}${m.unsubscribe ? ` <a href="${esc(m.unsubscribe.url)}" style="color:#4b5563">${esc(m.unsubscribe.label)}</a>` : ""}</td></tr>
</table></td></tr></table></body></html>`;
  const text = [
    b.platformName,
    "",
    m.title,
    "",
    ...m.lines,
    ...links.flatMap((l) => [`- ${l.label}: ${l.url}`, ...(l.note ? [`  ${l.note}`] : [])]),
    ...(m.action ? ["", `${m.action.label}: ${m.action.url}`] : []),
    "",
    "--",
    m.footer,
    ...(m.unsubscribe ? [`${m.unsubscribe.label}: ${m.unsubscribe.url}`] : []),
  ].join("\n");
  return { html, text };
}
