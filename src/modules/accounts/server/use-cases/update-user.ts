import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Profile } from "../../../../kernel/db/schema.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { presentUsers } from "../people.ts";
import { deleteSessions, findUserByLogin, getUser, updateUserRow } from "../repo.ts";
import { sessionsEnded } from "../sessions-ended.ts";
import { visibleUser } from "../visible-user.ts";

export type UserPatch = { email?: string | null; givenName?: string; familyName?: string; profile?: Profile; status?: "active" | "disabled" };

/** Deactivating a person ends their sessions at once; nobody deactivates themselves. */
export async function updateUser(k: Kernel, actor: Actor, id: string, p: UserPatch) {
  const { paths } = await visibleUser(k, actor, id);
  authorize(actor, "user.manage", { orgPaths: paths });
  const tid = actor.tenant.id;
  if (p.status === "disabled" && id === actor.userId) throw new AppError("people.cannot_disable_self", {}, undefined, 422);
  if (p.email) {
    const other = await findUserByLogin(k.db, tid, p.email);
    if (other && other.id !== id) throw new AppError("validation", {}, { email: { code: "people.email_taken" } });
  }
  const patch = {
    ...(p.email !== undefined && { email: p.email }),
    ...(p.givenName !== undefined && { given_name: p.givenName }),
    ...(p.familyName !== undefined && { family_name: p.familyName }),
    ...(p.profile !== undefined && { profile: p.profile }),
    ...(p.status !== undefined && { status: p.status }),
  };
  // an empty patch has nothing to set: "update ... set where" is not SQL
  if (Object.keys(patch).length) await updateUserRow(k.db, tid, id, patch);
  if (p.status === "disabled") await sessionsEnded(k, { tenantId: tid, userId: id, sessionIds: await deleteSessions(k.db, tid, id) });
  await k.actors.changed(tid, id);
  k.record({ tenantId: tid, actorId: actor.userId, verb: "updated", objectType: "user", objectId: id, context: { fields: Object.keys(p) } });
  return (await presentUsers(k.db, tid, [(await getUser(k.db, tid, id))!]))[0];
}
