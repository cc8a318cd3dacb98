import { sql } from "kysely";
import { type Actor, adminPaths } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";

/** What the caller may share with a partner: the nodes they administer (and below), the courses there. Two queries. */
export async function choices(k: Kernel, actor: Actor) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const paths = adminPaths(actor);
  if (paths.length === 0) throw new AppError("forbidden");
  const tid = actor.tenant.id;
  const [orgs, courses] = await Promise.all([
    k.db
      .selectFrom("orgs as o")
      .select(["o.id", "o.name"])
      .where("o.tenant_id", "=", tid)
      .where("o.archived_at", "is", null)
      .where((eb) => eb.or(paths.map((p) => eb("o.path", "like", `${p}%`))))
      .orderBy("o.path")
      .limit(500)
      .execute(),
    k.db
      .selectFrom("courses as c")
      .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "c.tenant_id").onRef("o.id", "=", "c.org_id"))
      .select(["c.id", "c.title as name", "o.name as org"])
      .where("c.tenant_id", "=", tid)
      .where("c.is_template", "=", false)
      .where("c.status", "!=", "archived")
      .where((eb) => eb.or(paths.map((p) => eb("o.path", "like", `${p}%`))))
      .orderBy(sql`c.title collate "und-x-icu"`)
      .limit(1000)
      .execute(),
  ]);
  return { orgs, courses };
}
