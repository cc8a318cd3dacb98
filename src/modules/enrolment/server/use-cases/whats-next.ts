import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { NextItem } from "../../shared/contract.ts";
import { progressOf } from "../completion.ts";
import { itemsOf, progressOfUser } from "../repo.ts";

const MAX_COURSES = 20;

/**
 * For each live course the actor follows as a learner, the first open item they have not
 * completed, the most recently active course first. Three queries whatever the number of courses.
 */
export async function whatsNext(k: Kernel, actor: Actor): Promise<{ items: NextItem[] }> {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  const tenantId = actor.tenant.id;
  const now = new Date();
  const courses = await k.db
    .selectFrom("course_members as m")
    .innerJoin("courses as c", (j) => j.onRef("c.tenant_id", "=", "m.tenant_id").onRef("c.id", "=", "m.course_id"))
    .select(["c.id", "c.title", "m.completed_at"])
    .select(
      sql<Date | null>`(select max(p.updated_at) from item_progress p where p.tenant_id = m.tenant_id and p.user_id = m.user_id and p.course_id = m.course_id)`.as(
        "last",
      ),
    )
    .where("m.tenant_id", "=", tenantId)
    .where("m.user_id", "=", actor.userId)
    .where("m.role", "=", "learner")
    .where("m.status", "=", "active")
    .where("c.status", "=", "published")
    .where((eb) => eb.or([eb("c.visible_from", "is", null), eb("c.visible_from", "<=", now)]))
    .where((eb) => eb.or([eb("c.visible_until", "is", null), eb("c.visible_until", ">", now)]))
    .where((eb) => eb.or([eb("m.starts_at", "is", null), eb("m.starts_at", "<=", now)]))
    .where((eb) => eb.or([eb("m.ends_at", "is", null), eb("m.ends_at", ">", now)]))
    .orderBy(
      sql`coalesce((select max(p.updated_at) from item_progress p where p.tenant_id = m.tenant_id and p.user_id = m.user_id and p.course_id = m.course_id), m.updated_at)`,
      "desc",
    )
    .orderBy("c.id")
    .limit(MAX_COURSES)
    .execute();
  const ids = courses.map((c) => c.id);
  const [items, progress] = await Promise.all([itemsOf(k.db, tenantId, ids), progressOfUser(k.db, tenantId, actor.userId, ids)]);
  return {
    items: courses.map((c) => {
      const p = progressOf(
        items.filter((i) => i.course_id === c.id),
        progress.filter((x) => x.course_id === c.id),
        actor,
        { now },
      );
      const courseItems = items.filter((i) => i.course_id === c.id);
      // the first open item with a rule not complete yet; else the first open item never opened
      const next =
        p.states.find((s) => s.available && s.completion !== "none" && !s.complete) ??
        p.states.find((s) => s.available && s.completion === "none" && !s.viewedAt);
      const item = next ? courseItems.find((i) => i.id === next.id)! : null;
      return {
        courseId: c.id,
        courseTitle: c.title,
        percent: p.percent,
        item: item ? { id: item.id, title: item.title, kind: item.kind } : null,
        lastActivityAt: c.last ? new Date(c.last).toISOString() : null,
      };
    }),
  };
}
