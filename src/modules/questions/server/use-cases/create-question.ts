import type { UserActor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { QuestionDefinition } from "../../shared/types.ts";
import { loadCategory } from "../access.ts";
import { insertQuestion } from "../repo.ts";
import { checkDefinition, questionName } from "../validate.ts";
import { getQuestion } from "./get-question.ts";

export async function createQuestion(
  k: Kernel,
  actor: UserActor,
  categoryId: string,
  input: { name?: string; points: number; tags: string[]; definition: QuestionDefinition },
) {
  await loadCategory(k.db, actor, categoryId, "edit");
  checkDefinition(input.definition);
  const id = await insertQuestion(k.db, actor.tenant.id, {
    categoryId,
    name: questionName(input.name, input.definition),
    points: input.points,
    tags: input.tags,
    definition: input.definition,
    createdBy: actor.userId,
  });
  k.record({
    tenantId: actor.tenant.id,
    actorId: actor.userId,
    verb: "created",
    objectType: "question",
    objectId: id,
    context: { type: input.definition.type, categoryId },
  });
  return getQuestion(k, actor, id);
}
