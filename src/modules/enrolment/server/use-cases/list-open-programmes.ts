import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { presentList } from "./manage-programmes.ts";

/** Open programmes on the nodes the person is placed at (or above them) that they do not follow yet. */
export async function listOpenProgrammes(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  if (actor.kind !== "user") return { items: [] };
  const paths = actor.grants.map((g) => g.path);
  if (paths.length === 0) return { items: [] };
  const ids = await k.db
    .selectFrom("programmes as p")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "p.tenant_id").onRef("o.id", "=", "p.org_id"))
    .select("p.id")
    .where("p.tenant_id", "=", actor.tenant.id)
    .where("p.self_enrol", "=", true)
    // the programme's node is one of the person's nodes or above it
    .where((eb) => eb.or(paths.map((path) => sql<boolean>`starts_with(${path}, o.path)`)))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("programme_members as pm")
            .select("pm.user_id")
            .whereRef("pm.tenant_id", "=", "p.tenant_id")
            .whereRef("pm.programme_id", "=", "p.id")
            .where("pm.user_id", "=", actor.userId)
            .where("pm.status", "=", "active"),
        ),
      ),
    )
    .limit(100)
    .execute();
  return presentList(k, actor, ids.map((i) => i.id));
}
