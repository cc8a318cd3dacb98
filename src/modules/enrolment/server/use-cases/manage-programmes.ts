import { sql } from "kysely";
import { type Actor, adminPaths, allowed, authorize, type UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { getOrg } from "../../../orgs/server/index.ts";
import { loadProgrammes } from "../programmes.ts";
import { upsertMember, usersUnder } from "../repo.ts";

type Input = {
  title?: string;
  description?: string;
  completion?: "all" | "count";
  requiredCount?: number | null;
  ordered?: boolean;
  enrolInto?: "first" | "all";
  selfEnrol?: boolean;
};

/** Placed at the programme's node or under it: may see and join it when it is open. */
export const inBranch = (actor: UserActor, orgPath: string) => actor.grants.some((g) => g.path.startsWith(orgPath));

export const present = (actor: UserActor, p: Awaited<ReturnType<typeof loadProgrammes>>[number]) => ({
  ...p.view,
  canManage: allowed(actor, "org.manage", { orgPath: p.row.org_path }),
  canJoin: p.row.self_enrol && !p.view.isMember && inBranch(actor, p.row.org_path),
});

/** The programmes of these ids, as the actor sees them: the list the listings return. */
export async function presentList(k: Kernel, actor: UserActor, ids: string[]) {
  return { items: (await loadProgrammes(k.db, actor.tenant.id, ids, actor.userId)).map((p) => present(actor, p)) };
}

export async function loadOne(k: Kernel, actor: UserActor, id: string) {
  const [p] = await loadProgrammes(k.db, actor.tenant.id, [id], actor.userId);
  if (!p) throw notFound();
  return p;
}

/**
 * A programme is managed by admins of its node, and seen by them, by the people following it and,
 * when it is open, by the people of its branch (who may join it).
 */
export async function visibleProgramme(k: Kernel, actor: Actor, id: string, need: "view" | "manage") {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const p = await loadOne(k, actor, id);
  const manager = allowed(actor, "org.manage", { orgPath: p.row.org_path });
  if (!manager) {
    if (!p.view.isMember && !(p.row.self_enrol && inBranch(actor, p.row.org_path))) throw notFound();
    if (need === "manage") throw new AppError("forbidden");
  }
  return p;
}

function checkRule(completion: string, requiredCount: number | null | undefined) {
  if (completion === "count" && !requiredCount) throw new AppError("validation", {}, { requiredCount: { code: "field.required" } });
}

export async function getProgramme(k: Kernel, actor: Actor, id: string) {
  const p = await visibleProgramme(k, actor, id, "view");
  return present(actor as UserActor, p);
}

/** Programmes on the nodes the actor administers (and under them). */
export async function listProgrammes(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  const paths = adminPaths(actor);
  if (paths.length === 0) return { items: [] };
  const ids = await k.db
    .selectFrom("programmes as p")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "p.tenant_id").onRef("o.id", "=", "p.org_id"))
    .select("p.id")
    .where("p.tenant_id", "=", actor.tenant.id)
    .where((eb) => eb.or(paths.map((path) => eb("o.path", "like", `${path}%`))))
    .limit(500)
    .execute();
  return presentList(k, actor, ids.map((i) => i.id));
}

/** Programmes the actor follows, with their progress. */
export async function myProgrammes(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  const ids = await k.db
    .selectFrom("programme_members")
    .select("programme_id")
    .where("tenant_id", "=", actor.tenant.id)
    .where("user_id", "=", actor.userId)
    .where("status", "=", "active")
    .execute();
  return presentList(k, actor, ids.map((i) => i.programme_id));
}

export async function createProgramme(k: Kernel, actor: Actor, input: Input & { orgId: string; title: string }) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const org = await getOrg(k.db, actor.tenant.id, input.orgId);
  if (!org) throw new AppError("validation", {}, { orgId: { code: "enrolment.rule_org" } });
  authorize(actor, "org.manage", { orgPath: org.path });
  checkRule(input.completion ?? "all", input.requiredCount);
  const id = newId();
  await k.db
    .insertInto("programmes")
    .values({
      tenant_id: actor.tenant.id,
      id,
      org_id: org.id,
      title: input.title,
      description: input.description ?? "",
      completion: input.completion ?? "all",
      required_count: input.completion === "count" ? (input.requiredCount ?? null) : null,
      ordered: input.ordered ?? false,
      enrol_into: input.enrolInto ?? "all",
      self_enrol: input.selfEnrol ?? false,
      created_by: actor.userId,
    })
    .execute();
  return present(actor, await loadOne(k, actor, id));
}

export async function updateProgramme(k: Kernel, actor: Actor, id: string, input: Input) {
  const p = await visibleProgramme(k, actor, id, "manage");
  const me = actor as UserActor;
  const completion = input.completion ?? p.row.completion;
  const requiredCount = input.requiredCount === undefined ? p.row.required_count : input.requiredCount;
  checkRule(completion, requiredCount);
  await k.db
    .updateTable("programmes")
    .set({
      ...(input.title !== undefined && { title: input.title }),
      ...(input.description !== undefined && { description: input.description }),
      completion,
      required_count: completion === "count" ? requiredCount : null,
      ...(input.ordered !== undefined && { ordered: input.ordered }),
      ...(input.enrolInto !== undefined && { enrol_into: input.enrolInto }),
      ...(input.selfEnrol !== undefined && { self_enrol: input.selfEnrol }),
      updated_at: new Date(),
    })
    .where("tenant_id", "=", me.tenant.id)
    .where("id", "=", id)
    .execute();
  return present(me, await loadOne(k, me, id));
}

export async function deleteProgramme(k: Kernel, actor: Actor, id: string) {
  await visibleProgramme(k, actor, id, "manage");
  await k.db
    .deleteFrom("programmes")
    .where("tenant_id", "=", (actor as UserActor).tenant.id)
    .where("id", "=", id)
    .execute();
  return { ok: true as const };
}

/** The programme's courses in order; each must belong to the programme's node or lie under it. */
export async function setProgrammeCourses(k: Kernel, actor: Actor, id: string, courseIds: string[]) {
  const p = await visibleProgramme(k, actor, id, "manage");
  const me = actor as UserActor;
  const ids = [...new Set(courseIds)];
  if (ids.length !== courseIds.length) throw new AppError("validation", {}, { courseIds: { code: "enrolment.programme_duplicate" } });
  if (ids.length) {
    const found = await k.db
      .selectFrom("courses as c")
      .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "c.tenant_id").onRef("o.id", "=", "c.org_id"))
      .select("c.id")
      .where("c.tenant_id", "=", me.tenant.id)
      .where("c.id", "in", ids)
      .where("o.path", "like", `${p.row.org_path}%`)
      .execute();
    if (found.length !== ids.length) throw new AppError("validation", {}, { courseIds: { code: "enrolment.programme_course_outside" } });
  }
  await k.db.deleteFrom("programme_courses").where("tenant_id", "=", me.tenant.id).where("programme_id", "=", id).execute();
  if (ids.length) {
    await k.db
      .insertInto("programme_courses")
      .values(ids.map((courseId, position) => ({ tenant_id: me.tenant.id, programme_id: id, course_id: courseId, position })))
      .execute();
  }
  return present(me, await loadOne(k, me, id));
}

/**
 * Enrols people of the programme's branch: in all its courses, or in its first course (the next
 * ones follow as each course is completed).
 */
export async function enrolInProgramme(k: Kernel, actor: Actor, id: string, userIds: string[]) {
  const p = await visibleProgramme(k, actor, id, "manage");
  const me = actor as UserActor;
  const tenantId = me.tenant.id;
  const ids = [...new Set(userIds)];
  const found = await usersUnder(k.db, tenantId, p.row.org_path, ids);
  if (found.size !== ids.length) throw notFound();
  await sql`
    insert into programme_members (tenant_id, programme_id, user_id, status)
    select ${tenantId}, ${id}, u, 'active' from unnest(${sql.val(ids)}::uuid[]) as u
    on conflict (tenant_id, programme_id, user_id) do update set status = 'active', updated_at = now()`.execute(k.db);
  const courses = p.view.courses;
  for (const userId of ids) {
    const targets = p.row.enrol_into === "all" ? courses : courses.slice(0, 1);
    for (const c of targets) await upsertMember(k.db, tenantId, c.courseId, { userId, role: "learner", status: "active", source: "programme" });
  }
  k.record({ tenantId, actorId: me.userId, verb: "enrolled", objectType: "programme", objectId: id, context: { count: ids.length } });
  return present(me, await loadOne(k, me, id));
}
