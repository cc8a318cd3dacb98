import type { UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCategory } from "../access.ts";

export async function updateCategory(k: Kernel, actor: UserActor, categoryId: string, input: { name?: string; parentId?: string | null }) {
  const { cat } = await loadCategory(k.db, actor, categoryId, "edit");
  const tenantId = actor.tenant.id;
  let parentId = cat.parent_id;
  if (input.parentId !== undefined) {
    parentId = input.parentId;
    if (parentId) {
      const { cat: parent } = await loadCategory(k.db, actor, parentId, "edit");
      if (parent.course_id !== cat.course_id || parent.org_id !== cat.org_id)
        throw new AppError("validation", {}, { parentId: { code: "questions.other_bank" } });
      // walking up from the new parent must not meet the category itself
      const rows = await k.db
        .selectFrom("question_categories")
        .select(["id", "parent_id"])
        .where("tenant_id", "=", tenantId)
        .where(cat.course_id ? "course_id" : "org_id", "=", (cat.course_id ?? cat.org_id)!)
        .execute();
      const up = new Map(rows.map((r) => [r.id, r.parent_id]));
      for (let p: string | null | undefined = parentId; p; p = up.get(p))
        if (p === cat.id) throw new AppError("validation", {}, { parentId: { code: "questions.category_cycle" } });
    }
  }
  const name = input.name ?? cat.name;
  await k.db.updateTable("question_categories").set({ name, parent_id: parentId }).where("tenant_id", "=", tenantId).where("id", "=", cat.id).execute();
  const n = await k.db
    .selectFrom("questions")
    .select((e) => e.fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("category_id", "=", cat.id)
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return { id: cat.id, parentId, name, questionCount: Number(n.n) };
}
