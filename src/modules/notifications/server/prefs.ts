import type { Kysely } from "kysely";
import type { DB, Delivery } from "../../../kernel/db/schema.ts";

export type Prefs = { delivery: Delivery; byEmail: boolean; inApp: boolean; mailingOptOut: boolean };

/** Without a row: immediate, in the app only, announcements by mail. */
export const DEFAULT_PREFS: Prefs = { delivery: "immediate", byEmail: false, inApp: true, mailingOptOut: false };

export async function loadPrefs(db: Kysely<DB>, tenantId: string, userId: string): Promise<Prefs> {
  const r = await db.selectFrom("notification_prefs").selectAll().where("tenant_id", "=", tenantId).where("user_id", "=", userId).executeTakeFirst();
  return r ? { delivery: r.delivery, byEmail: r.by_email, inApp: r.in_app, mailingOptOut: r.mailing_opt_out } : DEFAULT_PREFS;
}

export async function savePrefs(db: Kysely<DB>, tenantId: string, userId: string, p: Partial<Prefs>) {
  const cur = { ...(await loadPrefs(db, tenantId, userId)), ...p };
  const row = { delivery: cur.delivery, by_email: cur.byEmail, in_app: cur.inApp, mailing_opt_out: cur.mailingOptOut, updated_at: new Date() };
  await db
    .insertInto("notification_prefs")
    .values({ tenant_id: tenantId, user_id: userId, ...row })
    .onConflict((oc) => oc.columns(["tenant_id", "user_id"]).doUpdateSet(row))
    .execute();
  return cur;
}
