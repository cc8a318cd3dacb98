import type { Actor } from "../../../../kernel/auth/actor.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { addActivityItem, loadCourse, requireCourse } from "../../../courses/server/index.ts";
import type { QuizSettingsInput } from "../../shared/contract.ts";
import { presentSettings } from "../present.ts";
import { findQuiz } from "../repo.ts";
import { settingsColumns } from "./update-quiz.ts";

/** Adds a quiz at the end of a section: the course item and its settings in one transaction. */
export async function createQuiz(k: Kernel, actor: Actor, courseId: string, input: QuizSettingsInput & { sectionId: string }) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "edit");
  const tid = a.course.tenant_id;
  const cols = settingsColumns(input);
  const id = newId();
  await k.db.transaction().execute(async (trx) => {
    await addActivityItem(trx, tid, courseId, { id, sectionId: input.sectionId, kind: "quiz", title: input.title });
    await trx
      .insertInto("quizzes")
      .values({ tenant_id: tid, item_id: id, course_id: courseId, ...cols })
      .execute();
  });
  return presentSettings((await findQuiz(k.db, tid, courseId, id))!);
}
