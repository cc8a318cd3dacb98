import { sql } from "kysely";
import { crossTenant } from "../../../kernel/db/database.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { notify } from "./notify.ts";

export const REMINDER_BEFORE_MS = 24 * 60 * 60_000;

/**
 * Sends the reminders that are due: people holding a seat in a session starting within 24 hours,
 * not yet reminded, and confirmed before that window opened (someone who registers the day before
 * has just had the confirmation). Each registration is claimed with a conditional UPDATE before its
 * mail goes out, so several nodes, or two ticks, never send one twice. Returns how many were sent.
 */
export async function sendDueReminders(k: Kernel, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + REMINDER_BEFORE_MS);
  // deployment-wide scan (the scheduler serves every platform), then per-tenant work
  const due = await crossTenant(k.db)
    .selectFrom("session_registrations as r")
    .innerJoin("course_sessions as s", (j) => j.onRef("s.tenant_id", "=", "r.tenant_id").onRef("s.id", "=", "r.session_id"))
    .innerJoin("tenants as t", "t.id", "r.tenant_id")
    .select(["r.tenant_id", "r.session_id", "t.slug"])
    .where("r.status", "=", "approved")
    .where("r.reminder_sent_at", "is", null)
    .where("s.starts_at", ">", now)
    .where("s.starts_at", "<=", horizon)
    .where("t.status", "=", "active")
    .where(sql<boolean>`r.updated_at <= s.starts_at - interval '24 hours'`)
    .groupBy(["r.tenant_id", "r.session_id", "t.slug"])
    .limit(200)
    .execute();
  let sent = 0;
  for (const d of due) {
    const claimed = await k.db
      .updateTable("session_registrations as r")
      .set({ reminder_sent_at: now })
      .from("course_sessions as s")
      .whereRef("s.tenant_id", "=", "r.tenant_id")
      .whereRef("s.id", "=", "r.session_id")
      .where("r.tenant_id", "=", d.tenant_id)
      .where("r.session_id", "=", d.session_id)
      .where("r.status", "=", "approved")
      .where("r.reminder_sent_at", "is", null)
      .where(sql<boolean>`r.updated_at <= s.starts_at - interval '24 hours'`)
      .returning(["r.user_id"])
      .execute();
    if (claimed.length === 0) continue;
    const session = await k.db.selectFrom("course_sessions").selectAll().where("tenant_id", "=", d.tenant_id).where("id", "=", d.session_id).executeTakeFirst();
    if (!session) continue;
    await notify(
      k,
      d.tenant_id,
      session,
      claimed.map((c) => ({ userId: c.user_id, kind: "reminder" as const })),
      `${k.config.publicUrl}/p/${d.slug}`,
    );
    sent += claimed.length;
  }
  return sent;
}

/** Wakes every minute and sends due reminders; returns a stop function. */
export function startReminderScheduler(k: Kernel, log: (e: unknown) => void, everyMs = 60_000) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await sendDueReminders(k);
    } catch (e) {
      log(e);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
