import { type Actor, adminPaths } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { PartnerSummary } from "../../shared/contract.ts";
import { type PartnerRow, partnersUnder } from "../repo.ts";

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export const presentSummary = (p: PartnerRow, counts: { trainers: number | null; learners: number | null }): PartnerSummary => ({
  id: p.id,
  name: p.name,
  contactEmail: p.contact_email,
  status: p.status,
  org: { id: p.org_id, name: p.org_name },
  startsAt: iso(p.starts_at),
  endsAt: iso(p.ends_at),
  trainers: Number(counts.trainers ?? 0),
  learners: Number(counts.learners ?? 0),
});

/** The partnerships of the branches the caller administers (none for anyone else): one query. */
export async function listPartners(k: Kernel, actor: Actor) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const paths = adminPaths(actor);
  if (paths.length === 0) throw new AppError("forbidden");
  const rows = await partnersUnder(k.db, actor.tenant.id, paths);
  return { items: rows.map((r) => presentSummary(r, r)) };
}
