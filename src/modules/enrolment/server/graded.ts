import { sql } from "kysely";
import type { Grant, Tenant, UserActor } from "../../../kernel/auth/actor.ts";
import type { Profile } from "../../../kernel/db/schema.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { afterProgress } from "./effects.ts";

/**
 * The completion rule 'graded': an item is complete for a learner while their grade reaches the
 * pass score (the gradebook calls this after any grade of the item changed). done_at is set when
 * the grade reaches the pass score and cleared when an override takes it below; a learner newly
 * complete records `completed` and may complete the course. Costs one query to read the item,
 * one to read and one to write the rows that change, then the course check per newly complete learner.
 */
export async function applyGradedCompletion(
  k: Kernel,
  tenantId: string,
  courseItemId: string,
  results: { userId: string; passed: boolean }[],
): Promise<{ completed: string[]; uncompleted: string[] }> {
  const none = { completed: [], uncompleted: [] };
  if (results.length === 0) return none;
  const item = await k.db
    .selectFrom("course_items")
    .select(["id", "course_id", "completion"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", courseItemId)
    .executeTakeFirst();
  if (!item || item.completion !== "graded") return none;
  const userIds = results.map((r) => r.userId);
  const current = await k.db
    .selectFrom("item_progress")
    .select(["user_id", "done_at"])
    .where("tenant_id", "=", tenantId)
    .where("item_id", "=", item.id)
    .where("user_id", "in", userIds)
    .execute();
  const done = new Set(current.filter((c) => c.done_at).map((c) => c.user_id));
  const completed = results.filter((r) => r.passed && !done.has(r.userId)).map((r) => r.userId);
  const uncompleted = results.filter((r) => !r.passed && done.has(r.userId)).map((r) => r.userId);
  const changed = [...completed.map((u) => [u, true] as const), ...uncompleted.map((u) => [u, false] as const)];
  if (changed.length === 0) return none;
  const now = new Date();
  await sql`
    insert into item_progress (tenant_id, item_id, user_id, course_id, done_at, updated_at)
    select ${tenantId}::uuid, ${item.id}::uuid, u.user_id, ${item.course_id}::uuid, case when u.passed then ${now}::timestamptz end, ${now}::timestamptz
    from unnest(${changed.map((c) => c[0])}::uuid[], ${changed.map((c) => c[1])}::boolean[]) as u(user_id, passed)
    on conflict (tenant_id, item_id, user_id) do update set done_at = excluded.done_at, updated_at = excluded.updated_at`.execute(k.db);
  if (completed.length) {
    // the course check needs each learner's groups (items may be meant for one group only)
    const t = await k.db.selectFrom("tenants").select(["id", "slug", "root_org_id", "default_locale"]).where("id", "=", tenantId).executeTakeFirstOrThrow();
    const tenant: Tenant = { id: t.id, slug: t.slug, rootOrgId: t.root_org_id, defaultLocale: t.default_locale };
    const roles = await k.db
      .selectFrom("role_assignments as r")
      .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "r.tenant_id").onRef("o.id", "=", "r.org_id"))
      .select(["r.user_id", "r.org_id", "r.role", "o.path"])
      .where("r.tenant_id", "=", tenantId)
      .where("r.user_id", "in", completed)
      .execute();
    for (const userId of completed) {
      k.record({ tenantId, actorId: userId, verb: "completed", objectType: "item", objectId: item.id, context: { courseId: item.course_id, by: "grade" } });
      const grants: Grant[] = roles.filter((r) => r.user_id === userId).map((r) => ({ orgId: r.org_id, path: r.path, role: r.role }));
      const learner: UserActor = { kind: "user", tenant, userId, sessionId: "", profile: (grants[0]?.role ?? "learner") as Profile, grants, isOperator: false };
      await afterProgress(k, learner, item.course_id);
    }
  }
  return { completed, uncompleted };
}
