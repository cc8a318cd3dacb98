import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { insertRole } from "../../../accounts/server/index.ts";
import { managesPath } from "../access.ts";
import { presentTeaching } from "../present.ts";
import { getClassRow, getSubjectRow, getTeaching, placesOf, teachingsOf } from "../repo.ts";

const TEACHING_PROFILES = new Set(["teacher", "staff", "admin"]);

/**
 * An admin of the class assigns a teacher (someone they can see, of a teaching profile) to a
 * subject there. The teacher is also placed on the class as a teacher, so they see it, and
 * pupils' and parents' communication rules reach them.
 */
export async function addTeaching(k: Kernel, actor: Actor, classId: string, input: { subjectId: string; teacherId: string }) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const c = await getClassRow(k.db, actor.tenant.id, classId);
  if (!c || !managesPath(actor, c.path)) {
    // a class one cannot manage but can see is 403; one of another branch or platform is 404
    if (c && actor.grants.some((g) => c.path.startsWith(g.path) || g.orgId === c.id)) throw new AppError("forbidden");
    throw notFound();
  }
  authorize(actor, "org.manage", { orgPath: c.path });
  const tid = actor.tenant.id;
  const subject = await getSubjectRow(k.db, tid, input.subjectId);
  if (!subject || subject.archived_at) throw new AppError("validation", {}, { subjectId: { code: "school.subject_unknown" } });
  const places = await placesOf(k.db, tid, input.teacherId);
  const person = places[0];
  // someone with no place in a branch the admin administers is nobody they can assign
  if (person?.status !== "active" || !places.some((p) => managesPath(actor, p.path) || c.path.startsWith(p.path)))
    throw new AppError("validation", {}, { teacherId: { code: "school.teacher_unknown" } });
  if (!TEACHING_PROFILES.has(person.profile)) throw new AppError("validation", {}, { teacherId: { code: "school.not_a_teacher" } });
  const id = newId();
  const inserted = await k.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto("school_teachings")
      .values({ tenant_id: tid, id, class_id: c.id, subject_id: subject.id, teacher_id: input.teacherId })
      .onConflict((oc) => oc.columns(["tenant_id", "class_id", "subject_id", "teacher_id"]).doNothing())
      .executeTakeFirst();
    await insertRole(trx, tid, { id: newId(), user_id: input.teacherId, org_id: c.id, role: "teacher" });
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  });
  if (!inserted) throw new AppError("conflict", {}, { teacherId: { code: "school.teaching_exists" } }, 409);
  await k.actors.changed(tid, input.teacherId);
  k.record({
    tenantId: tid,
    actorId: actor.userId,
    verb: "assigned",
    objectType: "teaching",
    objectId: id,
    context: { classId: c.id, subjectId: subject.id, teacherId: input.teacherId },
  });
  const row = (await teachingsOf(k.db, tid, [c.id])).find((t) => t.id === id)!;
  return presentTeaching(row);
}

/** Withdraws a teaching; the teacher's place on the class stays (they may teach something else there). */
export async function removeTeaching(k: Kernel, actor: Actor, id: string) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const t = await getTeaching(k.db, actor.tenant.id, id);
  if (!t || !managesPath(actor, t.path)) throw notFound();
  authorize(actor, "org.manage", { orgPath: t.path });
  await k.db.deleteFrom("school_teachings").where("tenant_id", "=", actor.tenant.id).where("id", "=", id).execute();
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "withdrawn", objectType: "teaching", objectId: id, context: { classId: t.class_id } });
  return { ok: true as const };
}
