import type { UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { bankAccess, loadCategory } from "../access.ts";
import { insertCategory } from "../repo.ts";

export async function createCategory(k: Kernel, actor: UserActor, input: { courseId?: string; orgId?: string; parentId?: string | null; name: string }) {
  const owner = { course_id: input.courseId ?? null, org_id: input.orgId ?? null };
  const bank = await bankAccess(k.db, actor, owner);
  if (!bank.canView) throw new AppError("not_found");
  if (!bank.canEdit) throw new AppError("forbidden");
  if (input.parentId) {
    const { cat } = await loadCategory(k.db, actor, input.parentId, "edit");
    if (cat.course_id !== owner.course_id || cat.org_id !== owner.org_id) throw new AppError("validation", {}, { parentId: { code: "questions.other_bank" } });
  }
  const row = { id: newId(), ...owner, parent_id: input.parentId ?? null, name: input.name };
  await insertCategory(k.db, actor.tenant.id, row);
  return { id: row.id, parentId: row.parent_id, name: row.name, questionCount: 0 };
}
