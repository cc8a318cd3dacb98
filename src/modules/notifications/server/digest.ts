import { sql } from "kysely";
import { crossTenant } from "../../../kernel/db/database.ts";
import { t } from "../../../kernel/i18n.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { mayReadPostSql } from "../../forums/server/api.ts";
import { listMail, mailablePeople, platformContext } from "./mails.ts";

export type DigestPeriod = "daily" | "weekly";
const SPAN_MS: Record<DigestPeriod, number> = { daily: 86400_000, weekly: 7 * 86400_000 };
/** A person is due again once this long has passed since their last digest (a little under the period, so the send hour may drift). */
const AGAIN_MS: Record<DigestPeriod, number> = { daily: 20 * 3600_000, weekly: 6.5 * 86400_000 };
const BATCH = 500;

type Item = {
  user_id: string;
  post_id: string;
  forum_title: string;
  thread_title: string;
  author_name: string;
  excerpt: string;
  url: string;
  created_at: Date;
};

/**
 * Builds and sends the digests that are due: for every person whose preference is this period
 * by email, the posts of the last day (or week) in the forums and threads they follow, by others.
 * People are claimed by 500 with a conditional UPDATE of `digest_sent_at` (several nodes never
 * send one twice); their posts come in one query per batch (the feed has one row per post, joined
 * with subscriptions), so the work grows with people plus posts, not with their product in queries.
 * Each batch's mails are built together and handed to `mailer.sendMany` (one bounce lookup, bulk
 * outbox rows, the pooled SMTP connections kept busy). A temporary SMTP failure releases that
 * person's claim: the scheduler's next tick sends their digest again.
 * Returns how many digests were sent.
 */
export async function sendDigests(k: Kernel, period: DigestPeriod, now = new Date(), onProgress?: (sent: number) => void): Promise<number> {
  const since = new Date(now.getTime() - SPAN_MS[period]);
  const dueBefore = new Date(now.getTime() - AGAIN_MS[period]);
  const tenants = await crossTenant(k.db)
    .selectFrom("notification_prefs as p")
    .innerJoin("tenants as t", "t.id", "p.tenant_id")
    .select("p.tenant_id")
    .distinct()
    .where("t.status", "=", "active")
    .where("p.delivery", "=", period)
    .where("p.by_email", "=", true)
    .where((w) => w.or([w("p.digest_sent_at", "is", null), w("p.digest_sent_at", "<", dueBefore)]))
    .execute();
  let sent = 0;
  for (const { tenant_id: tenantId } of tenants) {
    // only posts the person may still read: visible, in a course they are still in, their group's
    const mayRead = mayReadPostSql(tenantId, sql.ref("s.user_id"), sql.ref("f.post_id"));
    const ctx = await platformContext(k, tenantId);
    const retryLater: string[] = [];
    for (;;) {
      // between batches, let the requests this node serves run
      await new Promise((r) => setImmediate(r));
      const claimed = await sql<{ user_id: string }>`
        update notification_prefs set digest_sent_at = ${now}
        where tenant_id = ${tenantId} and user_id in (
          select user_id from notification_prefs
          where tenant_id = ${tenantId} and delivery = ${period} and by_email and (digest_sent_at is null or digest_sent_at < ${dueBefore})
            and not (user_id = any(${retryLater}::uuid[]))
          limit ${BATCH} for update skip locked)
        returning user_id`.execute(k.db);
      const ids = claimed.rows.map((r) => r.user_id);
      if (ids.length === 0) break;
      const items = await sql<Item>`
        select s.user_id, f.post_id, f.forum_title, f.thread_title, f.author_name, f.excerpt, f.url, f.created_at
        from subscriptions s join notification_feed f on f.tenant_id = s.tenant_id and f.forum_id = s.target_id
        where s.tenant_id = ${tenantId} and s.target_type = 'forum' and s.user_id = any(${ids}::uuid[])
          and f.created_at >= ${since} and f.created_at < ${now} and f.author_id is distinct from s.user_id
          and ${mayRead}
        union
        select s.user_id, f.post_id, f.forum_title, f.thread_title, f.author_name, f.excerpt, f.url, f.created_at
        from subscriptions s join notification_feed f on f.tenant_id = s.tenant_id and f.thread_id = s.target_id
        where s.tenant_id = ${tenantId} and s.target_type = 'thread' and s.user_id = any(${ids}::uuid[])
          and f.created_at >= ${since} and f.created_at < ${now} and f.author_id is distinct from s.user_id
          and ${mayRead}
        order by created_at`.execute(k.db);
      const byUser = new Map<string, Item[]>();
      for (const it of items.rows) {
        const list = byUser.get(it.user_id) ?? [];
        byUser.set(it.user_id, list);
        list.push(it);
      }
      const people = await mailablePeople(k, tenantId, [...byUser.keys()]);
      const mails = await Promise.all(
        people.map((p) => {
          const list = byUser.get(p.id)!;
          const v = { count: list.length, platform: ctx.brand.platformName };
          return listMail(k, tenantId, ctx, p, "notifications", {
            subject: t(p.locale, `mail.notifications.${period}Subject`, v),
            title: t(p.locale, `mail.notifications.${period}Title`, v),
            lines: [t(p.locale, "mail.notifications.digestIntro", v)],
            links: list.map((it) => ({
              label: `${it.thread_title} — ${it.forum_title}`,
              url: `${ctx.base}${it.url}`,
              note: `${it.author_name} : ${it.excerpt}`,
            })),
            footer: t(p.locale, "mail.notifications.digestFooter", v),
          });
        }),
      );
      const results = await k.mailer.sendMany(mails);
      const batchSent = results.filter((r) => r.status === "sent" || r.status === "kept").length;
      // a temporary refusal (4xx, connection lost): release the claim so the next tick retries them
      const again = people.filter((_, i) => results[i]!.status === "failed" && !results[i]!.permanent).map((p) => p.id);
      if (again.length) {
        retryLater.push(...again);
        await k.db
          .updateTable("notification_prefs")
          .set({ digest_sent_at: null })
          .where("tenant_id", "=", tenantId)
          .where("user_id", "=", sql<string>`any(${again}::uuid[])`)
          .execute();
      }
      sent += batchSent;
      onProgress?.(sent);
      k.record({ tenantId, actorId: null, verb: "sent", objectType: "digest", objectId: null, context: { period, people: batchSent } });
    }
  }
  return sent;
}

/** Local hour at which digests go out; weekly ones on Mondays. */
export const DIGEST_HOUR = 6;

/** Checks every ten minutes whether digests are due (the claim keeps it to once per person and period). */
export function startDigestScheduler(k: Kernel, log: (e: unknown) => void, everyMs = 10 * 60_000) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = new Date();
      const parts = new Intl.DateTimeFormat("en-GB", { timeZone: k.config.TIME_ZONE, hour: "numeric", hourCycle: "h23", weekday: "short" }).formatToParts(now);
      const hour = Number(parts.find((p) => p.type === "hour")?.value);
      const weekday = parts.find((p) => p.type === "weekday")?.value;
      if (hour >= DIGEST_HOUR) {
        await sendDigests(k, "daily", now);
        if (weekday === "Mon") await sendDigests(k, "weekly", now);
      }
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
