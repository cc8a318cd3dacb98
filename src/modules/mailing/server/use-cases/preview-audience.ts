import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { Audience } from "../../shared/contract.ts";
import { audienceSql, authorizeAudience } from "../audience.ts";

export async function previewAudience(k: Kernel, actor: Actor, audience: Audience) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  await authorizeAudience(k, actor, audience);
  const r = await sql<{ n: number }>`select count(*)::int as n from (${audienceSql(actor.tenant.id, audience)}) a where a.user_id <> ${actor.userId}`.execute(
    k.db,
  );
  return { count: r.rows[0]!.n };
}
