import type { UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCategory } from "../access.ts";

/** Only an empty category goes: questions given to learners must keep their history. */
export async function deleteCategory(k: Kernel, actor: UserActor, categoryId: string) {
  const { cat } = await loadCategory(k.db, actor, categoryId, "edit");
  const tenantId = actor.tenant.id;
  const [child, question] = await Promise.all([
    k.db.selectFrom("question_categories").select("id").where("tenant_id", "=", tenantId).where("parent_id", "=", cat.id).limit(1).executeTakeFirst(),
    k.db.selectFrom("questions").select("id").where("tenant_id", "=", tenantId).where("category_id", "=", cat.id).limit(1).executeTakeFirst(),
  ]);
  if (child || question) throw new AppError("questions.category_not_empty", {}, undefined, 409);
  await k.db.deleteFrom("question_categories").where("tenant_id", "=", tenantId).where("id", "=", cat.id).execute();
}
