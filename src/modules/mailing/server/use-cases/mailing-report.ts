import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { MailingSummary } from "../../shared/contract.ts";

type Row = {
  id: string;
  subject: string;
  body: string;
  audience: { label?: string };
  status: "queued" | "sending" | "done";
  total: number;
  created_at: Date;
  counts: Record<string, number> | null;
};

const countsSql = sql`(select json_object_agg(status, n) from (select status, count(*)::int as n from mailing_recipients r where r.tenant_id = m.tenant_id and r.mailing_id = m.id group by status) s) as counts`;

const summary = (r: Row): MailingSummary => ({
  id: r.id,
  subject: r.subject,
  audienceLabel: r.audience.label ?? "",
  status: r.status,
  total: r.total,
  counts: { queued: 0, sent: 0, failed: 0, bounced: 0, skipped: 0, ...(r.counts ?? {}) },
  createdAt: new Date(r.created_at).toISOString(),
});

export async function listMailings(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const r = await sql<Row>`select m.id, m.subject, m.body, m.audience, m.status, m.total, m.created_at, ${countsSql}
    from mailings m where m.tenant_id = ${actor.tenant.id} and m.author_id = ${actor.userId} order by m.id desc limit 100`.execute(k.db);
  return { items: r.rows.map(summary) };
}

/** The author's delivery report (someone else's mailing is 404). */
export async function getMailing(k: Kernel, actor: Actor, id: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const tid = actor.tenant.id;
  const r = await sql<Row>`select m.id, m.subject, m.body, m.audience, m.status, m.total, m.created_at, ${countsSql}
    from mailings m where m.tenant_id = ${tid} and m.id = ${id} and m.author_id = ${actor.userId}`.execute(k.db);
  const row = r.rows[0];
  if (!row) throw notFound();
  const problems = await k.db
    .selectFrom("mailing_recipients as r")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "r.tenant_id").onRef("u.id", "=", "r.user_id"))
    .select(["r.user_id", "u.given_name", "u.family_name", "r.email", "r.status", "r.error"])
    .where("r.tenant_id", "=", tid)
    .where("r.mailing_id", "=", id)
    .where("r.status", "in", ["failed", "bounced", "skipped"])
    .orderBy("u.family_name")
    .limit(500)
    .execute();
  return {
    ...summary(row),
    body: row.body,
    problems: problems.map((p) => ({ userId: p.user_id, name: `${p.given_name} ${p.family_name}`, email: p.email, status: p.status, error: p.error })),
  };
}
