import type { Kysely } from "kysely";
import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { hashPassword } from "../../../../kernel/auth/password.ts";
import type { DB, PartnerRole } from "../../../../kernel/db/schema.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { findUserByLogin, insertUser } from "../../../accounts/server/index.ts";
import { addPerson, peopleOf, scopesOf } from "../repo.ts";

export type NewPerson = { username: string; givenName: string; familyName: string; password: string; email: string | null };

const PROFILE = { manager: "teacher", trainer: "teacher", learner: "learner" } as const;

export const presentPerson = (u: Awaited<ReturnType<typeof peopleOf>>[number]) => ({
  id: u.id,
  username: u.username,
  givenName: u.given_name,
  familyName: u.family_name,
  email: u.email,
  role: u.role,
  lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
});

/** Field errors when the username or address is already someone's on the platform. */
export async function checkFree(db: Kysely<DB>, tid: string, p: { username: string; email: string | null }, prefix = "") {
  if (await findUserByLogin(db, tid, p.username)) throw new AppError("validation", {}, { [`${prefix}username`]: { code: "people.username_taken" } });
  if (p.email && (await findUserByLogin(db, tid, p.email))) throw new AppError("validation", {}, { [`${prefix}email`]: { code: "people.email_taken" } });
}

/**
 * A partner's person: an account with no organisation role (so nothing of the platform but what
 * the partnership names), tied to the partner. The password is hashed before the caller's transaction.
 */
export async function createPartnerPerson(
  db: Kysely<DB>,
  tid: string,
  partnerId: string,
  p: Omit<NewPerson, "password"> & { passwordHash: string },
  role: PartnerRole,
) {
  const id = newId();
  await insertUser(db, tid, {
    id,
    username: p.username,
    email: p.email?.toLowerCase() ?? null,
    given_name: p.givenName,
    family_name: p.familyName,
    profile: PROFILE[role],
    password_hash: p.passwordHash,
  });
  await addPerson(db, tid, partnerId, id, role);
  return id;
}

function mine(actor: Actor): UserActor & { partner: NonNullable<UserActor["partner"]> } {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  if (!actor.partner) throw new AppError("forbidden");
  return actor as UserActor & { partner: NonNullable<UserActor["partner"]> };
}

/** The caller's partnership: what its trainers teach, and, for its manager, its people. */
export async function getMyPartner(k: Kernel, actor: Actor) {
  const me = mine(actor);
  const tid = me.tenant.id;
  const pid = me.partner.partnerId;
  const [p, scopes, people] = await Promise.all([
    k.db.selectFrom("partners").select("name").where("tenant_id", "=", tid).where("id", "=", pid).executeTakeFirstOrThrow(),
    scopesOf(k.db, tid, pid),
    me.partner.role === "manager" ? peopleOf(k.db, tid, pid) : Promise.resolve([]),
  ]);
  return {
    id: pid,
    name: p.name,
    role: me.partner.role,
    teach: scopes.filter((s) => s.kind === "teach").map((s) => ({ id: s.course_id!, name: s.title ?? "" })),
    people: people.map(presentPerson),
  };
}

function manager(actor: Actor) {
  const me = mine(actor);
  if (me.partner.role !== "manager") throw new AppError("forbidden");
  return me;
}

/** The partner's manager adds a trainer or a learner. */
export async function addPartnerPerson(k: Kernel, actor: Actor, input: NewPerson & { role: "trainer" | "learner" }) {
  const me = manager(actor);
  const tid = me.tenant.id;
  await checkFree(k.db, tid, input);
  const passwordHash = await hashPassword(input.password);
  const id = await k.db.transaction().execute((trx) => createPartnerPerson(trx, tid, me.partner.partnerId, { ...input, passwordHash }, input.role));
  k.record({
    tenantId: tid,
    actorId: me.userId,
    verb: "added",
    objectType: "partner-person",
    objectId: id,
    context: { partnerId: me.partner.partnerId, role: input.role },
  });
  return { id };
}

export { manager as partnerManager };
