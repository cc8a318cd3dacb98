import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { operatorScope } from "../../../federation/server/index.ts";
import { listOutbox } from "../repo.ts";

/**
 * The deployment admin reads the mails (with no SMTP server this is where they land) of their own
 * platform and of the platforms that gave them a support grant in force, and of no other: a
 * platform's mails are its data. Each granting platform's log notes the read.
 */
export async function readOutbox(k: Kernel, actor: Actor, page: number, to?: string) {
  authorize(actor, "outbox.read");
  const rows = await listOutbox(k.db, await operatorScope(k, actor, "outbox"), page, to);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((m) => ({
      id: m.id,
      platform: m.slug,
      to: m.to_address,
      subject: m.subject,
      text: m.text_body,
      html: m.html_body,
      status: m.status,
      error: m.error,
      createdAt: new Date(m.created_at).toISOString(),
    })),
  };
}
