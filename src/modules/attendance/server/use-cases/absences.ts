import { type Actor, authorize, type UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError, forbidden, notFound } from "../../../../kernel/errors.ts";
import { assertUsableFile } from "../../../../kernel/files/index.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadVisibleClass, staffOver, staffPaths } from "../../../school/server/index.ts";
import type { Absence } from "../../shared/contract.ts";
import { followsClass, loadVisiblePupil } from "../access.ts";
import { noticeDecision } from "../notices.ts";
import { presentAbsence } from "../present.ts";
import { getMark, isGuardian, type MarkRow, markQuery } from "../repo.ts";

type Query = { pupilId?: string; classId?: string; justification?: "none" | "pending" | "accepted" | "refused"; from?: string; to?: string };

const self = (actor: Actor) => ({ userId: actor.kind === "user" ? actor.userId : "" });

/** The ids of the actor's children (to offer "justify" on their absences). */
async function childrenOf(k: Kernel, actor: UserActor) {
  if (actor.profile !== "parent") return new Set<string>();
  const rows = await k.db
    .selectFrom("school_guardians")
    .select("child_id")
    .where("tenant_id", "=", actor.tenant.id)
    .where("parent_id", "=", actor.userId)
    .execute();
  return new Set(rows.map((r) => r.child_id));
}

/**
 * Absences in one statement after the access check: of one pupil or class the actor may follow;
 * otherwise those they follow: their children, themselves, the classes they teach, their school.
 */
export async function listAbsences(k: Kernel, actor: Actor, q: Query) {
  authorize(actor, "account.self", self(actor));
  const tid = actor.tenant.id;
  let query = markQuery(k.db, tid);
  if (q.pupilId) {
    await loadVisiblePupil(k, actor, q.pupilId);
    query = query.where("m.pupil_id", "=", q.pupilId);
  } else if (q.classId) {
    const c = await loadVisibleClass(k, actor, q.classId);
    if (!followsClass(actor, c.path)) throw notFound();
    query = query.where("l.class_id", "=", c.id);
  } else {
    const teaching = actor.grants.filter((g) => g.role === "teacher").map((g) => g.path);
    const paths = [...staffPaths(actor), ...teaching];
    query = query.where((eb) =>
      eb.or([
        eb("m.pupil_id", "=", actor.userId),
        ...paths.map((p) => eb("o.path", "like", `${p}%`)),
        ...(actor.profile === "parent"
          ? [eb("m.pupil_id", "in", eb.selectFrom("school_guardians").select("child_id").where("tenant_id", "=", tid).where("parent_id", "=", actor.userId))]
          : []),
      ]),
    );
  }
  if (q.justification) query = query.where("m.justification", "=", q.justification);
  if (q.from) query = query.where("m.day", ">=", q.from);
  if (q.to) query = query.where("m.day", "<=", q.to);
  const rows = await query.orderBy("m.day", "desc").orderBy("l.starts_at", "desc").limit(200).execute();
  const children = await childrenOf(k, actor);
  return { items: rows.map((r) => presentAbsence(actor, r, children)), canDecide: staffPaths(actor).length > 0 };
}

/** A mark the actor may see (its pupil's, a parent's, a follower of its class), else 404. */
async function loadVisibleMark(k: Kernel, actor: UserActor, id: string): Promise<{ m: MarkRow; parent: boolean }> {
  const m = await getMark(k.db, actor.tenant.id, id);
  if (!m) throw notFound();
  const parent = actor.profile === "parent" && (await isGuardian(k.db, actor.tenant.id, actor.userId, m.pupil_id));
  if (!parent && m.pupil_id !== actor.userId && !followsClass(actor, m.class_path)) throw notFound();
  return { m, parent };
}

/** A parent justifies an absence or lateness of their child that has no pending or accepted justification. */
export async function justifyAbsence(
  k: Kernel,
  actor: Actor,
  id: string,
  input: { reason: string; note?: string | null; fileId?: string | null },
): Promise<Absence> {
  authorize(actor, "account.self", self(actor));
  const { m, parent } = await loadVisibleMark(k, actor, id);
  if (!parent) throw forbidden();
  if (m.status === "excluded") throw new AppError("attendance.exclusion_not_justified", {}, undefined, 422);
  if (m.justification === "pending" || m.justification === "accepted") throw new AppError("attendance.already_justified", {}, undefined, 409);
  if (input.fileId) await assertUsableFile(k.db, actor, input.fileId, "document", "fileId");
  await k.db
    .updateTable("attendance_marks")
    .set({
      justification: "pending",
      reason: input.reason as MarkRow["reason"],
      reason_note: input.note || null,
      file_id: input.fileId ?? null,
      justified_by: actor.userId,
      justified_at: new Date(),
      decided_by: null,
      decided_at: null,
      decision_comment: null,
    })
    .where("tenant_id", "=", actor.tenant.id)
    .where("id", "=", id)
    .execute();
  k.record({
    tenantId: actor.tenant.id,
    actorId: actor.userId,
    verb: "justified",
    objectType: "attendance-mark",
    objectId: id,
    context: { reason: input.reason },
  });
  return presentAbsence(actor, (await getMark(k.db, actor.tenant.id, id))!, new Set([m.pupil_id]));
}

/** School-life staff over the class accept or refuse (a justification sent, or one given by phone). */
export async function decideAbsence(k: Kernel, actor: Actor, id: string, input: { accept: boolean; comment?: string | null }): Promise<Absence> {
  authorize(actor, "account.self", self(actor));
  const { m } = await loadVisibleMark(k, actor, id);
  if (!staffOver(actor, m.class_path)) throw forbidden();
  if (m.status === "excluded") throw new AppError("attendance.exclusion_not_justified", {}, undefined, 422);
  if (m.justification === "accepted") throw new AppError("attendance.already_decided", {}, undefined, 409);
  await k.db
    .updateTable("attendance_marks")
    .set({ justification: input.accept ? "accepted" : "refused", decided_by: actor.userId, decided_at: new Date(), decision_comment: input.comment || null })
    .where("tenant_id", "=", actor.tenant.id)
    .where("id", "=", id)
    .execute();
  await noticeDecision(k, actor.tenant.id, id);
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: input.accept ? "accepted" : "refused", objectType: "attendance-mark", objectId: id });
  return presentAbsence(actor, (await getMark(k.db, actor.tenant.id, id))!, new Set());
}

/** Who may read a file attached to a justification: whoever may see the mark (one statement). */
export async function fileInVisibleMark(k: Kernel["db"], actor: UserActor, fileId: string) {
  const t = actor.tenant.id;
  const paths = [...staffPaths(actor), ...actor.grants.filter((g) => g.role === "teacher").map((g) => g.path)];
  const r = await k
    .selectFrom("attendance_marks as m")
    .innerJoin("attendance_lessons as l", (j) => j.onRef("l.tenant_id", "=", "m.tenant_id").onRef("l.id", "=", "m.lesson_id"))
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "l.tenant_id").onRef("o.id", "=", "l.class_id"))
    .select("m.id")
    .where("m.tenant_id", "=", t)
    .where("m.file_id", "=", fileId)
    .where((eb) =>
      eb.or([
        eb("m.pupil_id", "=", actor.userId),
        ...paths.map((p) => eb("o.path", "like", `${p}%`)),
        eb("m.pupil_id", "in", eb.selectFrom("school_guardians").select("child_id").where("tenant_id", "=", t).where("parent_id", "=", actor.userId)),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return !!r;
}
