import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { upsertGradeItem } from "../../../gradebook/server/api.ts";
import { deleteRubric, parseRubric, saveRubric } from "../../../rubrics/server/index.ts";
import { loadAssignment } from "../load.ts";
import { type SettingsInput, settingsColumns } from "../settings.ts";
import { assignmentView } from "../view.ts";

/**
 * Changes settings, title, rubric or marking guide. A rubric cannot be replaced once grades were
 * given with it (their fills would no longer match): 409, remove the grades' meaning first.
 * Anonymous marking cannot be turned back on after identities were revealed.
 */
export async function updateAssignment(k: Kernel, actor: Actor, courseId: string, itemId: string, input: SettingsInput & { title?: string; rubric?: unknown }) {
  const l = await loadAssignment(k, actor, courseId, itemId, "edit");
  const cols = await settingsColumns(k, l.tid, courseId, l.access.course.language, input, l.a);
  let rubricId = l.a.rubric_id;
  if (input.rubric !== undefined) {
    const graded = await k.db
      .selectFrom("assignment_submissions")
      .select("id")
      .where("tenant_id", "=", l.tid)
      .where("item_id", "=", itemId)
      .where("rubric_fill", "is not", null)
      .limit(1)
      .executeTakeFirst();
    const same = JSON.stringify(input.rubric) === JSON.stringify(l.rubric?.definition ?? null);
    if (graded && !same) throw new AppError("assignments.rubric_in_use", {}, undefined, 409);
    if (input.rubric === null) {
      if (l.a.rubric_id) await deleteRubric(k.db, l.tid, l.a.rubric_id);
      rubricId = null;
    } else rubricId = await saveRubric(k.db, l.tid, courseId, l.a.rubric_id, parseRubric(input.rubric));
  }
  if (input.anonymous === true && l.a.revealed_at) throw new AppError("validation", {}, { anonymous: { code: "assignments.already_revealed" } });
  await k.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("assignments")
      .set({ ...cols, rubric_id: rubricId, updated_at: new Date() })
      .where("tenant_id", "=", l.tid)
      .where("item_id", "=", itemId)
      .execute();
    if (input.title !== undefined)
      await trx
        .updateTable("course_items")
        .set({ title: input.title, updated_at: new Date() })
        .where("tenant_id", "=", l.tid)
        .where("id", "=", itemId)
        .execute();
    const maxScore = Number(cols.max_score ?? l.a.max_score);
    const pass = cols.pass_score !== undefined ? cols.pass_score : l.a.pass_score;
    await upsertGradeItem(trx, l.tid, {
      courseId,
      source: { type: "assignment", id: itemId },
      courseItemId: itemId,
      title: input.title ?? l.item.title,
      maxScore,
      passScore: pass === null ? null : Number(pass),
    });
  });
  return assignmentView(k, await loadAssignment(k, actor, courseId, itemId, "edit"));
}
