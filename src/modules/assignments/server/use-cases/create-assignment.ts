import type { Actor } from "../../../../kernel/auth/actor.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { addActivityItem, loadCourse, requireCourse } from "../../../courses/server/index.ts";
import { upsertGradeItem } from "../../../gradebook/server/api.ts";
import { parseRubric, saveRubric } from "../../../rubrics/server/index.ts";
import { loadAssignment } from "../load.ts";
import { type SettingsInput, settingsColumns } from "../settings.ts";
import { assignmentView } from "../view.ts";

/** Adds an assignment at the end of a section: the course item, its settings and its grade item in one transaction. */
export async function createAssignment(
  k: Kernel,
  actor: Actor,
  courseId: string,
  input: SettingsInput & { sectionId: string; title: string; rubric?: unknown },
) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "edit");
  const tid = a.course.tenant_id;
  const cols = await settingsColumns(k, tid, courseId, a.course.language, input);
  const rubric = input.rubric ? parseRubric(input.rubric) : null;
  const id = newId();
  await k.db.transaction().execute(async (trx) => {
    await addActivityItem(trx, tid, courseId, { id, sectionId: input.sectionId, kind: "assignment", title: input.title });
    const rubricId = rubric ? await saveRubric(trx, tid, courseId, null, rubric) : null;
    await trx
      .insertInto("assignments")
      .values({ tenant_id: tid, item_id: id, course_id: courseId, ...cols, rubric_id: rubricId })
      .execute();
    await upsertGradeItem(trx, tid, {
      courseId,
      source: { type: "assignment", id },
      courseItemId: id,
      title: input.title,
      maxScore: Number(cols.max_score ?? 20),
      passScore: cols.pass_score == null ? null : Number(cols.pass_score),
    });
  });
  return assignmentView(k, await loadAssignment(k, actor, courseId, id, "edit"));
}
