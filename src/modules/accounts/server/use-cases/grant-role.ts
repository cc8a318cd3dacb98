import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Profile } from "../../../../kernel/db/schema.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { syncEnrolmentRules } from "../../../enrolment/server/index.ts";
import { syncGuardianPlaces } from "../../../school/server/index.ts";
import { visibleOrg } from "../../../orgs/server/index.ts";
import { presentUsers } from "../people.ts";
import { insertRole } from "../repo.ts";
import { visibleUser } from "../visible-user.ts";

/** A delegated admin grants roles only on nodes of their own branch, to people they can see. */
export async function grantRole(k: Kernel, actor: Actor, userId: string, orgId: string, role: Profile) {
  const { user } = await visibleUser(k, actor, userId);
  const org = await visibleOrg(k.db, actor, orgId);
  authorize(actor, "role.grant", { orgPath: org.path });
  await insertRole(k.db, actor.tenant.id, { id: newId(), user_id: userId, org_id: orgId, role });
  await k.actors.changed(actor.tenant.id, userId);
  // courses enrolling a node's learners follow them
  await syncEnrolmentRules(k.db, actor.tenant.id, { userIds: [userId] });
  // a pupil placed in a class brings their parents along
  await syncGuardianPlaces(k, actor.tenant.id, { childIds: [userId] });
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "granted", objectType: "role", objectId: userId, context: { orgId, role } });
  return (await presentUsers(k.db, actor.tenant.id, [user]))[0];
}
