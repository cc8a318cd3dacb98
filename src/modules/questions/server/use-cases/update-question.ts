import type { UserActor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { QuestionDefinition } from "../../shared/types.ts";
import { loadCategory, loadQuestion } from "../access.ts";
import { setTags } from "../repo.ts";
import { checkDefinition, questionName } from "../validate.ts";
import { getQuestion } from "./get-question.ts";

/**
 * Saves a question. When its latest version has been given to learners (marked used by the
 * quizzes), a change of the definition or the points makes a new version and the old one stays
 * for the attempts that used it; otherwise the latest version is corrected in place.
 */
export async function updateQuestion(
  k: Kernel,
  actor: UserActor,
  questionId: string,
  input: { name?: string; points: number; tags: string[]; definition: QuestionDefinition; categoryId?: string },
) {
  const { cat } = await loadQuestion(k.db, actor, questionId, "edit");
  if (input.categoryId && input.categoryId !== cat.id) await loadCategory(k.db, actor, input.categoryId, "edit");
  checkDefinition(input.definition);
  const tenantId = actor.tenant.id;
  let newVersion: number | null = null;
  await k.db.transaction().execute(async (tx) => {
    const q = await tx
      .selectFrom("questions as q")
      .innerJoin("question_versions as v", (j) =>
        j.onRef("v.tenant_id", "=", "q.tenant_id").onRef("v.question_id", "=", "q.id").onRef("v.version", "=", "q.latest_version"),
      )
      .select(["q.latest_version", "q.type", "v.id as version_id", "v.used", "v.points", "v.definition"])
      .where("q.tenant_id", "=", tenantId)
      .where("q.id", "=", questionId)
      .forUpdate("q")
      .executeTakeFirst();
    if (!q) throw notFound();
    const stored = QuestionDefinition.safeParse(q.definition);
    const changed = !stored.success || JSON.stringify(stored.data) !== JSON.stringify(input.definition) || Number(q.points) !== input.points;
    if (changed && q.used) {
      newVersion = q.latest_version + 1;
      await tx
        .insertInto("question_versions")
        .values({
          tenant_id: tenantId,
          id: newId(),
          question_id: questionId,
          version: newVersion,
          type: input.definition.type,
          points: input.points,
          definition: JSON.stringify(input.definition),
          created_by: actor.userId,
        })
        .execute();
    } else if (changed) {
      await tx
        .updateTable("question_versions")
        .set({ type: input.definition.type, points: input.points, definition: JSON.stringify(input.definition) })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", q.version_id)
        .execute();
    }
    await tx
      .updateTable("questions")
      .set({
        name: questionName(input.name, input.definition),
        type: input.definition.type,
        category_id: input.categoryId ?? cat.id,
        ...(newVersion !== null && { latest_version: newVersion }),
        updated_at: new Date(),
      })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", questionId)
      .execute();
    await setTags(tx, tenantId, questionId, input.tags);
  });
  k.record({ tenantId, actorId: actor.userId, verb: "updated", objectType: "question", objectId: questionId, context: { newVersion } });
  return getQuestion(k, actor, questionId);
}
