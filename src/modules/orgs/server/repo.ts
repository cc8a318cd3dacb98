import { type Kysely, sql } from "kysely";
import type { DB, OrgsTable } from "../../../kernel/db/schema.ts";
import type { Selectable } from "kysely";

export type OrgRow = Selectable<OrgsTable>;

/** ids of a node and its ancestors, root first, read from its path '/a/b/c/' */
export const pathIds = (path: string) => path.split("/").filter(Boolean);
export const depthOf = (path: string) => pathIds(path).length - 1;

export function getOrg(db: Kysely<DB>, tenantId: string, id: string) {
  return db.selectFrom("orgs").selectAll().where("tenant_id", "=", tenantId).where("id", "=", id).executeTakeFirst();
}

export function getOrgs(db: Kysely<DB>, tenantId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([] as OrgRow[]);
  return db.selectFrom("orgs").selectAll().where("tenant_id", "=", tenantId).where("id", "in", ids).execute();
}

/** Nodes inside any of the given subtrees, plus the given nodes' ancestors, in path order. */
export function listTree(db: Kysely<DB>, tenantId: string, subtrees: string[], nodes: string[], includeArchived: boolean) {
  const ancestorIds = [...new Set([...subtrees, ...nodes].flatMap(pathIds))];
  return db
    .selectFrom("orgs")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where((eb) =>
      eb.or([
        ...subtrees.map((p) => eb("path", "like", `${p}%`)),
        ...(ancestorIds.length ? [eb("id", "in", ancestorIds)] : []),
      ]),
    )
    .$if(!includeArchived, (q) => q.where("archived_at", "is", null))
    .orderBy("path")
    .execute();
}

export async function insertOrg(db: Kysely<DB>, tenantId: string, row: Omit<OrgRow, "tenant_id" | "created_at" | "archived_at">) {
  return db
    .insertInto("orgs")
    .values({ ...row, tenant_id: tenantId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateOrg(db: Kysely<DB>, tenantId: string, id: string, patch: Partial<Pick<OrgRow, "name" | "kind" | "code" | "primary_color" | "logo_url" | "archived_at">>) {
  return db.updateTable("orgs").set(patch).where("tenant_id", "=", tenantId).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
}

/** Rewrites the path prefix of a whole subtree in one statement. */
export async function moveSubtree(db: Kysely<DB>, tenantId: string, id: string, oldPath: string, newPath: string, newParentId: string) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("orgs")
      .set({ path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})` })
      .where("tenant_id", "=", tenantId)
      .where("path", "like", `${oldPath}%`)
      .execute();
    await trx.updateTable("orgs").set({ parent_id: newParentId }).where("tenant_id", "=", tenantId).where("id", "=", id).execute();
  });
}

export function findByCode(db: Kysely<DB>, tenantId: string, code: string) {
  return db.selectFrom("orgs").selectAll().where("tenant_id", "=", tenantId).where("code", "=", code).executeTakeFirst();
}

/** Archiving a node archives its whole subtree; restoring it restores the subtree. */
export function setArchived(db: Kysely<DB>, tenantId: string, path: string, at: Date | null) {
  return db.updateTable("orgs").set({ archived_at: at }).where("tenant_id", "=", tenantId).where("path", "like", `${path}%`).execute();
}
