import type { Kysely } from "kysely";
import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import type { DB } from "../../../../kernel/db/schema.ts";
import { presentOrg } from "../present.ts";
import { visibleOrg } from "../visible.ts";

/** One node the person may see (404 otherwise, including any node of another platform). */
export async function getOrg(db: Kysely<DB>, actor: Actor, id: string) {
  const org = await visibleOrg(db, actor, id);
  return presentOrg(actor as UserActor, org);
}
