import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { presentOrg } from "../present.ts";
import { moveSubtree } from "../repo.ts";
import { visibleOrg } from "../visible.ts";

/** Moves a node with its subtree. The actor must administer both the node and its new parent. */
export async function moveOrg(k: Kernel, actor: Actor, id: string, parentId: string) {
  const db = k.db;
  const org = await visibleOrg(db, actor, id);
  const parent = await visibleOrg(db, actor, parentId);
  authorize(actor, "org.manage", { orgPath: org.path });
  authorize(actor, "org.manage", { orgPath: parent.path });
  const tenantId = org.tenant_id;
  if (org.parent_id === null) throw new AppError("orgs.root_fixed", {}, undefined, 422);
  if (parent.path.startsWith(org.path)) throw new AppError("validation", {}, { parentId: { code: "orgs.move_into_self" } });
  // as for a new node: an active branch moved under an archived one would vanish without being archived
  if (parent.archived_at) throw new AppError("validation", {}, { parentId: { code: "orgs.parent_archived" } });
  const newPath = `${parent.path}${org.id}/`;
  await moveSubtree(db, tenantId, org.id, org.path, newPath, parent.id);
  await k.actors.changed(tenantId); // roles below the node now sit on new paths
  return presentOrg(actor, { ...org, parent_id: parent.id, path: newPath });
}
