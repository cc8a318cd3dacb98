import type { Kysely } from "kysely";
import type { DB } from "../../../../kernel/db/schema.ts";
import { newId } from "../../../../kernel/ids.ts";
import { insertRole } from "../../../accounts/server/index.ts";

/**
 * Links a parent to a child and places the parent on the child's classes with the parent role,
 * so the school's staff are within their reach and they see the class. Returns 1 when the link
 * is new, 0 when it existed. The caller tells the actor cache the parent's roles changed.
 */
export async function linkParent(db: Kysely<DB>, tenantId: string, l: { id: string; parentId: string; childId: string; classIds: string[] }) {
  const r = await db
    .insertInto("school_guardians")
    .values({ tenant_id: tenantId, id: l.id, parent_id: l.parentId, child_id: l.childId })
    .onConflict((oc) => oc.columns(["tenant_id", "parent_id", "child_id"]).doNothing())
    .executeTakeFirst();
  for (const classId of l.classIds) await insertRole(db, tenantId, { id: newId(), user_id: l.parentId, org_id: classId, role: "parent" });
  return Number(r.numInsertedOrUpdatedRows ?? 0n);
}
