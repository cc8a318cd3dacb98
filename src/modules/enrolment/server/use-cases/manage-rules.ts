import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { getOrg } from "../../../orgs/server/index.ts";
import { syncRules } from "../sync.ts";

function rulesOf(k: Kernel, tenantId: string, courseId: string) {
  return k.db
    .selectFrom("course_enrol_rules as r")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "r.tenant_id").onRef("o.id", "=", "r.org_id"))
    .select(["r.id", "r.org_id", "o.name"])
    .select((eb) =>
      eb
        .selectFrom("course_members as m")
        .select((e) => e.fn.countAll<string>().as("n"))
        .whereRef("m.tenant_id", "=", "r.tenant_id")
        .whereRef("m.course_id", "=", "r.course_id")
        .whereRef("m.source_org_id", "=", "r.org_id")
        .where("m.source", "=", "org")
        .where("m.status", "=", "active")
        .as("learners"),
    )
    .where("r.tenant_id", "=", tenantId)
    .where("r.course_id", "=", courseId)
    .orderBy("r.created_at")
    .execute();
}

const present = (r: { id: string; org_id: string; name: string; learners: string | number | null }) => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.name,
  learners: Number(r.learners ?? 0),
});

export async function listRules(k: Kernel, actor: Actor, courseId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "teach");
  return { items: (await rulesOf(k, a.course.tenant_id, courseId)).map(present) };
}

/**
 * "All learners of this node and its subtree are learners of the course": applied at once, then
 * kept true when people join or leave the node (see syncRules). The node must be the course's own
 * node or lie under it.
 */
export async function addRule(k: Kernel, actor: Actor, courseId: string, orgId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "edit");
  const tenantId = (actor as UserActor).tenant.id;
  const org = await getOrg(k.db, tenantId, orgId);
  if (!org || org.archived_at) throw new AppError("validation", {}, { orgId: { code: "enrolment.rule_org" } });
  if (!org.path.startsWith(a.course.org_path)) throw new AppError("validation", {}, { orgId: { code: "enrolment.rule_outside" } });
  await k.db
    .insertInto("course_enrol_rules")
    .values({ tenant_id: tenantId, id: newId(), course_id: courseId, org_id: orgId, created_by: (actor as UserActor).userId })
    .onConflict((oc) => oc.columns(["tenant_id", "course_id", "org_id"]).doNothing())
    .execute();
  await syncRules(k.db, tenantId, { courseId });
  const rule = (await rulesOf(k, tenantId, courseId)).find((r) => r.org_id === orgId)!;
  k.record({ tenantId, actorId: (actor as UserActor).userId, verb: "added", objectType: "enrolment-rule", objectId: rule.id, context: { courseId, orgId } });
  return present(rule);
}

export async function removeRule(k: Kernel, actor: Actor, courseId: string, ruleId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "edit");
  const tenantId = (actor as UserActor).tenant.id;
  const r = await k.db
    .deleteFrom("course_enrol_rules")
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .where("id", "=", ruleId)
    .executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound();
  await syncRules(k.db, tenantId, { courseId });
  return { ok: true as const };
}

export async function syncCourseRules(k: Kernel, actor: Actor, courseId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "teach");
  return syncRules(k.db, a.course.tenant_id, { courseId });
}
