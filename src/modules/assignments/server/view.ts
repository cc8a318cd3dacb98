import type { Kernel } from "../../../kernel/module.ts";
import type { AssignmentView } from "../shared/contract.ts";
import { type Loaded, presentSettings } from "./load.ts";
import { findSubmission, presentMine, targetOf } from "./mine.ts";
import { listGroupingsOf } from "./repo.ts";

/** The assignment page's data: settings, and for a learner their own (group's) submission. */
export async function assignmentView(k: Kernel, l: Loaded): Promise<AssignmentView> {
  let mine = null;
  if (l.access.isLearner) {
    const t = await targetOf(k, l);
    const row = "problem" in t ? undefined : await findSubmission(k.db, l.tid, l.item.id, t);
    mine = await presentMine(k, l, t, row);
  }
  return {
    course: { id: l.access.course.id, title: l.access.course.title },
    item: { id: l.item.id, title: l.item.title, sectionId: l.item.section_id },
    settings: presentSettings(l, l.access.canEdit),
    canEdit: l.access.canEdit,
    canGrade: l.access.canTeach,
    isLearner: l.access.isLearner,
    mine,
    groupings: l.access.canEdit ? await listGroupingsOf(k.db, l.tid, l.a.course_id) : [],
  };
}
