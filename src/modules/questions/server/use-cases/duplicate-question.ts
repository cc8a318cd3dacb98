import type { UserActor } from "../../../../kernel/auth/actor.ts";
import { type Locale, t } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadQuestion } from "../access.ts";
import { insertQuestion } from "../repo.ts";
import { getQuestion } from "./get-question.ts";

export async function duplicateQuestion(k: Kernel, actor: UserActor, questionId: string, locale: Locale) {
  const { cat } = await loadQuestion(k.db, actor, questionId, "edit");
  const q = await getQuestion(k, actor, questionId);
  const id = await k.db.transaction().execute((tx) =>
    insertQuestion(tx, actor.tenant.id, {
      categoryId: cat.id,
      name: t(locale, "ui.questions.copyOf", { name: q.name }).slice(0, 200),
      points: q.points,
      tags: q.tags,
      definition: q.definition,
      createdBy: actor.userId,
    }),
  );
  k.record({ tenantId: actor.tenant.id, actorId: actor.userId, verb: "created", objectType: "question", objectId: id, context: { duplicateOf: questionId } });
  return getQuestion(k, actor, id);
}
