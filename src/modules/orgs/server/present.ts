import { allowed, type UserActor } from "../../../kernel/auth/actor.ts";
import type { OrgNode } from "../shared/contract.ts";
import { depthOf, type OrgRow } from "./repo.ts";

export const presentOrg = (actor: UserActor, o: OrgRow): OrgNode => ({
  id: o.id,
  parentId: o.parent_id,
  name: o.name,
  kind: o.kind as OrgNode["kind"],
  code: o.code,
  depth: depthOf(o.path),
  primaryColor: o.primary_color,
  logoUrl: o.logo_url,
  archived: o.archived_at !== null,
  canManage: allowed(actor, "org.manage", { orgPath: o.path }),
});
