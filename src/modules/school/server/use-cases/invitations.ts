import type { Actor, Tenant } from "../../../../kernel/auth/actor.ts";
import { hashPassword } from "../../../../kernel/auth/password.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { findUserByLogin, insertPerson } from "../../../accounts/server/index.ts";
import type { Invitation } from "../../shared/contract.ts";
import { verifyInvitationToken } from "../../../../kernel/auth/invitation-token.ts";
import { placesOf } from "../repo.ts";
import { linkParent } from "./link-parent.ts";

/** The signed link is the authorisation: a forged, altered or other platform's link is 404. */
async function load(k: Kernel, tenant: Tenant | null, token: string) {
  if (!tenant) throw notFound();
  const id = await verifyInvitationToken(k, "invite", tenant.id, token);
  if (!id) throw notFound();
  const inv = await k.db
    .selectFrom("school_invitations as i")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "i.tenant_id").onRef("u.id", "=", "i.child_id"))
    .selectAll("i")
    .select(["u.given_name as child_given", "u.family_name as child_family"])
    .where("i.tenant_id", "=", tenant.id)
    .where("i.id", "=", id)
    .executeTakeFirst();
  if (!inv) throw notFound();
  const status: Invitation["status"] = inv.accepted_at ? "used" : new Date(inv.expires_at).getTime() <= Date.now() ? "expired" : "valid";
  return { inv, status, childName: `${inv.child_given} ${inv.child_family}` };
}

export async function getInvitation(k: Kernel, actor: Actor, token: string): Promise<Invitation> {
  const { inv, status, childName } = await load(k, actor.tenant, token);
  const existing = await findUserByLogin(k.db, actor.tenant!.id, inv.email);
  return {
    status,
    childName,
    email: inv.email,
    givenName: inv.given_name,
    familyName: inv.family_name,
    expiresAt: new Date(inv.expires_at).toISOString(),
    accountExists: !!existing,
  };
}

type NewAccount = { username: string; givenName: string; familyName: string; password: string };

/**
 * Signed in as a parent: links that account to the child. Signed out: creates a parent account
 * with the invited address (refused if an account already has it: sign in first), then links
 * it. Single use; an expired or used link says so.
 */
export async function acceptInvitation(k: Kernel, actor: Actor, token: string, account: NewAccount | undefined) {
  const { inv, status, childName } = await load(k, actor.tenant, token);
  if (status === "expired") throw new AppError("school.invitation_expired", {}, undefined, 410);
  if (status === "used") throw new AppError("school.invitation_used", {}, undefined, 409);
  const tenantId = actor.tenant!.id;
  const classIds = (await placesOf(k.db, tenantId, inv.child_id)).filter((p) => p.kind === "class" && p.role === "learner").map((p) => p.id);
  let parentId: string;
  let username: string;
  let created = false;
  if (actor.kind === "user") {
    if (actor.profile !== "parent") throw new AppError("school.invitation_not_parent", {}, undefined, 403);
    parentId = actor.userId;
    username = (await k.db.selectFrom("users").select("username").where("tenant_id", "=", tenantId).where("id", "=", parentId).executeTakeFirstOrThrow())
      .username;
  } else {
    if (!account) throw new AppError("validation", {}, { account: { code: "field.required" } });
    if (await findUserByLogin(k.db, tenantId, inv.email)) throw new AppError("school.invitation_account_exists", {}, undefined, 409);
    if (await findUserByLogin(k.db, tenantId, account.username))
      throw new AppError("validation", {}, { "account.username": { code: "people.username_taken" } });
    const hash = await hashPassword(account.password);
    // the parent is placed where the child is (their first class, else the child's first node)
    const place = classIds[0] ?? (await placesOf(k.db, tenantId, inv.child_id))[0]?.id ?? actor.tenant!.rootOrgId;
    parentId = await k.db.transaction().execute((trx) =>
      insertPerson(trx, tenantId, {
        username: account.username,
        email: inv.email,
        givenName: account.givenName,
        familyName: account.familyName,
        profile: "parent",
        orgId: place,
        passwordHash: hash,
      }),
    );
    username = account.username;
    created = true;
  }
  const accepted = await k.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("school_invitations")
      .set({ accepted_at: new Date(), accepted_by: parentId })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", inv.id)
      .where("accepted_at", "is", null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false; // accepted meanwhile by another request
    await linkParent(trx, tenantId, { id: newId(), parentId, childId: inv.child_id, classIds });
    return true;
  });
  if (!accepted) throw new AppError("school.invitation_used", {}, undefined, 409);
  await k.actors.changed(tenantId, parentId);
  k.record({ tenantId, actorId: parentId, verb: "accepted", objectType: "parent-invitation", objectId: inv.id, context: { childId: inv.child_id, created } });
  return { created, username, childName };
}
