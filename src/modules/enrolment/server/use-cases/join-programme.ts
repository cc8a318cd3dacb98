import { sql } from "kysely";
import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { upsertMember } from "../repo.ts";
import { loadOne, present, visibleProgramme } from "./manage-programmes.ts";

/**
 * A person of the programme's branch joins an open programme: they follow it and are enrolled
 * in its courses per its rule (all at once, or the first one, the next ones following as each is
 * completed). Joining again changes nothing.
 */
export async function joinProgramme(k: Kernel, actor: Actor, id: string) {
  const p = await visibleProgramme(k, actor, id, "view");
  const me = actor as UserActor;
  if (p.view.isMember) return present(me, p);
  // an admin sees every programme of the branch, but only open ones can be joined
  if (!p.row.self_enrol) throw new AppError("enrolment.programme_not_open", {}, undefined, 403);
  const tenantId = me.tenant.id;
  await sql`
    insert into programme_members (tenant_id, programme_id, user_id, status)
    values (${tenantId}, ${id}, ${me.userId}, 'active')
    on conflict (tenant_id, programme_id, user_id) do update set status = 'active', updated_at = now()`.execute(k.db);
  const targets = p.row.enrol_into === "all" ? p.view.courses : p.view.courses.slice(0, 1);
  for (const c of targets) {
    await upsertMember(k.db, tenantId, c.courseId, { userId: me.userId, role: "learner", status: "active", source: "programme" });
    k.record({ tenantId, actorId: me.userId, verb: "enrolled", objectType: "course", objectId: c.courseId, context: { method: "programme", programmeId: id } });
  }
  k.record({ tenantId, actorId: me.userId, verb: "enrolled", objectType: "programme", objectId: id, context: { method: "self" } });
  return present(me, await loadOne(k, me, id));
}
