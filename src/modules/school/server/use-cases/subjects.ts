import { type Actor, allowed, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { rootPath } from "../access.ts";
import { presentSubject } from "../present.ts";
import { findSubjectByCode, getSubjectRow, listSubjectRows } from "../repo.ts";

/** Everyone signed in on the platform reads its subjects (they colour timetables and diaries). */
export async function listSubjects(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const rows = await listSubjectRows(k.db, actor.tenant.id);
  return { items: rows.map(presentSubject), canManage: allowed(actor, "org.manage", { orgPath: rootPath(actor) }) };
}

const codeTaken = () => new AppError("validation", {}, { code: { code: "school.subject_code_taken" } });

export async function createSubject(k: Kernel, actor: Actor, input: { code: string; name: string; color: string }) {
  authorize(actor, "org.manage", { orgPath: actor.kind === "user" ? rootPath(actor) : undefined });
  if (await findSubjectByCode(k.db, actor.tenant.id, input.code)) throw codeTaken();
  const row = await k.db
    .insertInto("school_subjects")
    .values({ tenant_id: actor.tenant.id, id: newId(), code: input.code, name: input.name, color: input.color })
    .returningAll()
    .executeTakeFirstOrThrow();
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "created", objectType: "subject", objectId: row.id, context: { code: row.code } });
  return presentSubject(row);
}

export async function updateSubject(k: Kernel, actor: Actor, id: string, input: { code?: string; name?: string; color?: string; archived?: boolean }) {
  authorize(actor, "org.manage", { orgPath: actor.kind === "user" ? rootPath(actor) : undefined });
  const row = await getSubjectRow(k.db, actor.tenant.id, id);
  if (!row) throw notFound();
  if (input.code && input.code.toLowerCase() !== row.code.toLowerCase()) {
    if (await findSubjectByCode(k.db, actor.tenant.id, input.code)) throw codeTaken();
  }
  const updated = await k.db
    .updateTable("school_subjects")
    .set({
      ...(input.code !== undefined && { code: input.code }),
      ...(input.name !== undefined && { name: input.name }),
      ...(input.color !== undefined && { color: input.color }),
      ...(input.archived !== undefined && { archived_at: input.archived ? (row.archived_at ?? new Date()) : null }),
    })
    .where("tenant_id", "=", actor.tenant.id)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentSubject(updated);
}
