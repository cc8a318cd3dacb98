import type { Kysely } from "kysely";
import { type Actor, adminPaths, authorize } from "../../../../kernel/auth/actor.ts";
import type { DB } from "../../../../kernel/db/schema.ts";
import { presentOrg } from "../present.ts";
import { listTree } from "../repo.ts";

/** The subtrees the person administers, and the nodes where they hold any other role. */
export async function listOrgs(db: Kysely<DB>, actor: Actor, includeArchived: boolean) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  const rows = await listTree(db, actor.tenant.id, adminPaths(actor), actor.grants.map((g) => g.path), includeArchived);
  return rows.map((o) => presentOrg(actor, o));
}
