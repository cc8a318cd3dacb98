import type { Kysely } from "kysely";
import { type Actor, allowed, authorize, type UserActor } from "../../../kernel/auth/actor.ts";
import type { DB } from "../../../kernel/db/schema.ts";
import { AppError, type FieldErrors, notFound } from "../../../kernel/errors.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { findPartner } from "./repo.ts";

/** A partnership its caller runs: an admin of its host node's branch; anyone else gets 404. */
export async function hostPartner(k: Kernel, actor: Actor, id: string) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const p = await findPartner(k.db, actor.tenant.id, id);
  if (!p || !allowed(actor, "org.manage", { orgPath: p.org_path })) throw notFound();
  return { actor, p };
}

/**
 * A host shares only what lies in the partnership's branch: every chosen course and node must be
 * under its node (a field error names the list that holds a stranger). One query.
 */
export async function checkScopes(
  db: Kysely<DB>,
  actor: UserActor,
  orgPath: string,
  s: { teachCourseIds: string[]; enrolCourseIds: string[]; enrolOrgIds: string[]; startsAt: string | null; endsAt: string | null },
) {
  authorize(actor, "org.manage", { orgPath });
  const courseIds = [...new Set([...s.teachCourseIds, ...s.enrolCourseIds])];
  const [courses, orgs] = await Promise.all([
    courseIds.length
      ? db
          .selectFrom("courses as c")
          .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "c.tenant_id").onRef("o.id", "=", "c.org_id"))
          .select("c.id")
          .where("c.tenant_id", "=", actor.tenant.id)
          .where("c.id", "in", courseIds)
          .where("o.path", "like", `${orgPath}%`)
          .execute()
      : [],
    s.enrolOrgIds.length
      ? db
          .selectFrom("orgs")
          .select("id")
          .where("tenant_id", "=", actor.tenant.id)
          .where("id", "in", s.enrolOrgIds)
          .where("path", "like", `${orgPath}%`)
          .execute()
      : [],
  ]);
  const okCourses = new Set(courses.map((c) => c.id));
  const okOrgs = new Set(orgs.map((o) => o.id));
  const fields: FieldErrors = {};
  if (s.teachCourseIds.some((c) => !okCourses.has(c))) fields.teachCourseIds = { code: "partners.outside_branch" };
  if (s.enrolCourseIds.some((c) => !okCourses.has(c))) fields.enrolCourseIds = { code: "partners.outside_branch" };
  if (s.enrolOrgIds.some((o) => !okOrgs.has(o))) fields.enrolOrgIds = { code: "partners.outside_branch" };
  if (s.startsAt && s.endsAt && new Date(s.endsAt) <= new Date(s.startsAt)) fields.endsAt = { code: "partners.ends_before_start" };
  if (Object.keys(fields).length) throw new AppError("validation", {}, fields);
}

/** Partners' people's facts (reach) are cached per node: every change to a partnership drops them at once. */
export async function refreshPeople(k: Kernel, tid: string, partnerId: string) {
  const people = await k.db.selectFrom("partner_people").select("user_id").where("tenant_id", "=", tid).where("partner_id", "=", partnerId).execute();
  await Promise.all(people.map((p) => k.actors.changed(tid, p.user_id)));
}
