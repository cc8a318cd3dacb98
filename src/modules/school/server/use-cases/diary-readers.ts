import { type Actor, adminPaths, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { DiaryReader } from "../../shared/contract.ts";
import { managesPath } from "../access.ts";
import { findByLogins } from "../people-lookup.ts";

/**
 * Inspectors' access to the homework diary: a grant on an organisation node lets one person read
 * the diary (entries, workload, attachments) of every class in its subtree, read-only, without
 * the pupils' list or any other school data. Admins of the node give and withdraw it. (The head
 * of school needs none: admins of the school node already see its classes.)
 */
const readers = (k: Kernel, tenantId: string) =>
  k.db
    .selectFrom("school_diary_readers as dr")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "dr.tenant_id").onRef("o.id", "=", "dr.org_id"))
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "dr.tenant_id").onRef("u.id", "=", "dr.user_id"))
    .select(["dr.id", "o.id as org_id", "o.name as org_name", "o.path", "u.id as user_id", "u.given_name", "u.family_name"])
    .where("dr.tenant_id", "=", tenantId);

type Row = { id: string; org_id: string; org_name: string; user_id: string; given_name: string; family_name: string };
const present = (r: Row): DiaryReader => ({
  id: r.id,
  org: { id: r.org_id, name: r.org_name },
  person: { id: r.user_id, name: `${r.given_name} ${r.family_name}` },
});

export async function listDiaryReaders(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const paths = adminPaths(actor);
  if (paths.length === 0) return { items: [] };
  const rows = await readers(k, actor.tenant.id)
    .where((eb) => eb.or(paths.map((p) => eb("o.path", "like", `${p}%`))))
    .orderBy("o.name")
    .orderBy("u.family_name")
    .execute();
  return { items: rows.map(present) };
}

export async function addDiaryReader(k: Kernel, actor: Actor, input: { orgId: string; login: string }) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const org = await k.db.selectFrom("orgs").select(["id", "path"]).where("tenant_id", "=", actor.tenant.id).where("id", "=", input.orgId).executeTakeFirst();
  if (!org || !managesPath(actor, org.path)) throw notFound();
  const person = (await findByLogins(k.db, actor.tenant.id, [input.login])).get(input.login);
  if (!person || person.status !== "active") throw new AppError("validation", {}, { login: { code: "school.person_unknown" } });
  await k.db
    .insertInto("school_diary_readers")
    .values({ tenant_id: actor.tenant.id, id: newId(), org_id: org.id, user_id: person.id, granted_by: actor.userId })
    .onConflict((oc) => oc.columns(["tenant_id", "user_id", "org_id"]).doNothing())
    .execute();
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "granted", objectType: "diary-reader", objectId: person.id, context: { orgId: org.id } });
  const row = await readers(k, actor.tenant.id).where("dr.org_id", "=", org.id).where("dr.user_id", "=", person.id).executeTakeFirstOrThrow();
  return present(row);
}

export async function removeDiaryReader(k: Kernel, actor: Actor, id: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const row = await readers(k, actor.tenant.id).where("dr.id", "=", id).executeTakeFirst();
  if (!row || !managesPath(actor, row.path)) throw notFound();
  await k.db.deleteFrom("school_diary_readers").where("tenant_id", "=", actor.tenant.id).where("id", "=", id).execute();
  k.record({
    tenantId: actor.tenant.id,
    actorId: actor.userId,
    verb: "revoked",
    objectType: "diary-reader",
    objectId: row.user_id,
    context: { orgId: row.org_id },
  });
  return { ok: true as const };
}
