import { sql } from "kysely";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { isPlatformModerator } from "../access.ts";

/** Who is silenced or suspended now (an ended restriction is no longer listed), for platform admins to review or lift. */
export async function listRestrictedPeople(k: Kernel, actor: Actor) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  if (!isPlatformModerator(actor)) throw new AppError("forbidden");
  const now = new Date();
  const rows = await k.db
    .selectFrom("forum_people as fp")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "fp.tenant_id").onRef("u.id", "=", "fp.user_id"))
    .select(["u.id", "u.username", "u.given_name", "u.family_name", "fp.silenced_until", "fp.suspended_until"])
    .where("fp.tenant_id", "=", actor.tenant.id)
    .where((w) => w.or([w("fp.silenced_until", ">", now), w("fp.suspended_until", ">", now)]))
    .orderBy(sql`least(coalesce(fp.suspended_until, 'infinity'), coalesce(fp.silenced_until, 'infinity'))`)
    .limit(500)
    .execute();
  const iso = (d: Date | null) => (d && d > now ? new Date(d).toISOString() : null);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: `${r.given_name} ${r.family_name}`,
      username: r.username,
      silencedUntil: iso(r.silenced_until),
      suspendedUntil: iso(r.suspended_until),
    })),
  };
}
