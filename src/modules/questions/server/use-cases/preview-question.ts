import type { UserActor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import type { QuestionDefinition, QuestionResponse } from "../../shared/types.ts";
import { toPublic } from "../public.ts";
import { scoreResponse } from "../scoring/index.ts";
import { checkDefinition } from "../validate.ts";

/** The learner's view of a question being written, and the score of a trial answer. */
export async function previewQuestion(
  k: Kernel,
  actor: UserActor,
  courseId: string,
  input: { definition: QuestionDefinition; points: number; seed: string; response?: QuestionResponse | null },
) {
  requireCourse(await loadCourse(k.db, actor, courseId), "teach");
  checkDefinition(input.definition);
  const version = { id: "preview", questionId: "preview", version: 1, type: input.definition.type, points: input.points, definition: input.definition };
  return {
    question: toPublic(version, input.seed),
    result: input.response === undefined || input.response === null ? null : scoreResponse(input.definition, input.response),
  };
}
