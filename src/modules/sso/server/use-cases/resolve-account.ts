import type { Tenant } from "../../../../kernel/auth/actor.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { insertPerson, insertRole } from "../../../accounts/server/index.ts";
import type { Mapping } from "../../shared/contract.ts";
import { SsoFailure } from "../failure.ts";
import { type MappedPerson, mapPerson } from "../mapping.ts";
import type { Attributes } from "../protocols/attributes.ts";
import { classesNamed, findIdentity, findUserByEmail, insertIdentity, type ProviderRow, touchIdentity, usernameTaken } from "../repo.ts";

/**
 * Who the provider's answer signs in: the account already linked to this external identity; else,
 * if the provider allows it, the account with the same email (then linked); else, if allowed, a new
 * account with the mapped profile. Classes named by the provider are added to the account's roles.
 */
export async function resolveAccount(
  k: Kernel,
  tenant: Tenant,
  p: ProviderRow,
  attrs: Attributes,
): Promise<{ userId: string; created: boolean; linked: boolean }> {
  const person = mapPerson(p.mapping as Mapping, p.default_profile, attrs);
  const known = await findIdentity(k.db, tenant.id, p.id, person.subject);
  if (known) {
    if (known.status !== "active") throw new SsoFailure("account_disabled", `account ${known.user_id}`);
    await touchIdentity(k.db, tenant.id, known.id);
    await joinClasses(k, tenant, known.user_id, person);
    return { userId: known.user_id, created: false, linked: false };
  }
  const sameEmail = person.email ? await findUserByEmail(k.db, tenant.id, person.email) : undefined;
  if (sameEmail && p.link_by_email) {
    if (sameEmail.status !== "active") throw new SsoFailure("account_disabled", `account ${sameEmail.id}`);
    await insertIdentity(k.db, tenant.id, { id: newId(), provider_id: p.id, subject: person.subject, user_id: sameEmail.id });
    await joinClasses(k, tenant, sameEmail.id, person);
    return { userId: sameEmail.id, created: false, linked: true };
  }
  if (!p.create_accounts) throw new SsoFailure("unknown_account", `external id ${person.subject}`);
  // an account already holds this email: taking it over needs the admin's "link by email"
  if (sameEmail) throw new SsoFailure("email_taken", `external id ${person.subject}, email ${person.email}`);
  const userId = await createAccount(k, tenant, p, person);
  return { userId, created: true, linked: true };
}

async function createAccount(k: Kernel, tenant: Tenant, p: ProviderRow, person: MappedPerson) {
  const m = p.mapping as Mapping;
  if (!person.givenName) throw new SsoFailure("mapping_missing", `attribute "${m.givenName}" (given name) is missing`);
  if (!person.familyName) throw new SsoFailure("mapping_missing", `attribute "${m.familyName}" (family name) is missing`);
  const classes = person.classes.length ? await classesNamed(k.db, tenant.id, null, person.classes) : [];
  const username = await freeUsername(k, tenant.id, person);
  return k.db.transaction().execute(async (trx) => {
    // placed in their first class, else at the platform's root
    const userId = await insertPerson(trx, tenant.id, {
      username,
      email: person.email,
      givenName: person.givenName!.slice(0, 100),
      familyName: person.familyName!.slice(0, 100),
      profile: person.profile,
      orgId: classes[0]?.id ?? tenant.rootOrgId,
      passwordHash: null,
    });
    for (const c of classes.slice(1)) await insertRole(trx, tenant.id, { id: newId(), user_id: userId, org_id: c.id, role: person.profile });
    await insertIdentity(trx, tenant.id, { id: newId(), provider_id: p.id, subject: person.subject, user_id: userId });
    return userId;
  });
}

/** The email's local part or the external id, made valid and unique with a number if needed. */
async function freeUsername(k: Kernel, tenantId: string, person: MappedPerson) {
  const stem =
    (person.email?.split("@")[0] ?? person.subject)
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9._@-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 100) || "sso";
  const base = stem.length < 2 ? `${stem}-user` : stem;
  for (let n = 0; n < 50; n++) {
    const name = n === 0 ? base : `${base}-${n + 1}`;
    if (!(await usernameTaken(k.db, tenantId, name))) return name;
  }
  return `${base}-${newId().slice(-12)}`;
}

/** Adds the classes the provider names (those that exist) with the mapped profile; never removes one. */
async function joinClasses(k: Kernel, tenant: Tenant, userId: string, person: MappedPerson) {
  if (!person.classes.length) return;
  const missing = (await classesNamed(k.db, tenant.id, userId, person.classes)).filter((c) => !c.member);
  for (const c of missing) await insertRole(k.db, tenant.id, { id: newId(), user_id: userId, org_id: c.id, role: person.profile });
  if (missing.length) await k.actors.changed(tenant.id, userId);
}
