import type { Actor } from "../../../../kernel/auth/actor.ts";
import { invalid } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
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
    const section = await trx
      .selectFrom("course_sections")
      .select("id")
      .where("tenant_id", "=", tid)
      .where("course_id", "=", courseId)
      .where("id", "=", input.sectionId)
      .executeTakeFirst();
    if (!section) throw invalid({ sectionId: { code: "courses.section_unknown" } });
    await trx
      .insertInto("course_items")
      .values((eb) => ({
        tenant_id: tid,
        id,
        course_id: courseId,
        section_id: input.sectionId,
        kind: "quiz" as const,
        title: input.title,
        completion: "graded" as const,
        position: eb.selectFrom("course_items").select(eb.fn.countAll<number>().as("n")).where("tenant_id", "=", tid).where("section_id", "=", input.sectionId),
      }))
      .execute();
    await trx
      .insertInto("quizzes")
      .values({ tenant_id: tid, item_id: id, course_id: courseId, ...cols })
      .execute();
  });
  return presentSettings((await findQuiz(k.db, tid, courseId, id))!);
}
