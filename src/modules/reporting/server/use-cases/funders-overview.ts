import { type Actor, adminPaths, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { FundersOverview, ReportQuery } from "../../shared/contract.ts";
import { fundedTrainings } from "../repo.ts";

/**
 * Funders and the trainings they fund, among those the person may report on (courses they manage
 * or under the nodes they administer, programmes under those nodes), with the learners funded.
 * The period is not a filter of the list: it is carried to each training's report. One query.
 */
export async function fundersOverview(k: Kernel, actor: Actor, q: ReportQuery): Promise<FundersOverview> {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  const paths = adminPaths(actor);
  const funder = q.funder || null;
  const all = await fundedTrainings(k.db, actor.tenant.id, actor.userId, paths);
  const funders = [...new Set(all.map((t) => t.funder))];
  return { funders, funder, period: { from: q.from ?? null, to: q.to ?? null }, trainings: funder ? all.filter((t) => t.funder === funder) : all };
}
