import type { UserActor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { QuestionDefinition } from "../../shared/types.ts";
import { loadQuestion } from "../access.ts";
import { findQuestionDetail, presentDetail } from "../repo.ts";

export async function getQuestion(k: Kernel, actor: UserActor, questionId: string) {
  const { bank } = await loadQuestion(k.db, actor, questionId, "view");
  const d = await findQuestionDetail(k.db, actor.tenant.id, questionId);
  if (!d) throw notFound();
  return presentDetail(d, QuestionDefinition.parse(d.definition), bank.canEdit);
}
