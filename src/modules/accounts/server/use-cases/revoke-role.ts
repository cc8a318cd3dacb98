import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { syncEnrolmentRules } from "../../../enrolment/server/index.ts";
import { syncGuardianPlaces } from "../../../school/server/index.ts";
import { presentUsers } from "../people.ts";
import { deleteRole, rolesOf } from "../repo.ts";
import { visibleUser } from "../visible-user.ts";

export async function revokeRole(k: Kernel, actor: Actor, userId: string, roleId: string) {
  const { user } = await visibleUser(k, actor, userId);
  const role = (await rolesOf(k.db, user.tenant_id, [userId])).find((r) => r.id === roleId);
  if (!role) throw notFound();
  authorize(actor, "role.grant", { orgPath: role.path });
  // nobody removes their own last admin role: the branch would be left without its admin by mistake
  if (userId === actor.userId && role.role === "admin") throw new AppError("people.cannot_revoke_own_admin", {}, undefined, 422);
  await deleteRole(k.db, actor.tenant.id, userId, roleId);
  await k.actors.changed(actor.tenant.id, userId);
  await syncEnrolmentRules(k.db, actor.tenant.id, { userIds: [userId] });
  // a pupil leaving a class takes their parents' place on it away
  await syncGuardianPlaces(k, actor.tenant.id, { childIds: [userId] });
  return (await presentUsers(k.db, actor.tenant.id, [user]))[0];
}
