import type { UserActor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCategory } from "../access.ts";
import { listQuestions as list, tagsOfCategory } from "../repo.ts";

export async function listQuestions(k: Kernel, actor: UserActor, categoryId: string, filter: { tag?: string; type?: string; q?: string }) {
  const { bank } = await loadCategory(k.db, actor, categoryId, "view");
  const [items, tags] = await Promise.all([list(k.db, actor.tenant.id, categoryId, filter), tagsOfCategory(k.db, actor.tenant.id, categoryId)]);
  return { canEdit: bank.canEdit, items, tags };
}
