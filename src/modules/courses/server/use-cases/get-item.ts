import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { afterFirstView } from "../../../enrolment/server/index.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { presentItemWithBody, presentProgress } from "../present.ts";
import { getItemWithProgress, markViewed } from "../repo.ts";

/**
 * Opens an item. For a learner this is a view: a `viewed` event is recorded and their progress
 * keeps the first view time. Editors also get the stored document to edit.
 */
export async function getItem(k: Kernel, actor: Actor, id: string, itemId: string) {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "view");
  if (actor.kind !== "user") throw notFound();
  const tid = a.course.tenant_id;
  const row = await getItemWithProgress(k.db, tid, id, itemId, actor.userId);
  if (!row) throw notFound();
  let progress = row.progress_user ? presentProgress({ ...row, id: row.id }) : null;
  if (a.isLearner) {
    const at = await markViewed(k.db, tid, id, itemId, actor.userId);
    // an item completed on view: completed event, and perhaps the course (enrolment module)
    if (!progress?.viewedAt) await afterFirstView(k, actor, { id: itemId, course_id: id, completion: row.completion });
    progress = { itemId, viewedAt: progress?.viewedAt ?? at.toISOString(), doneAt: progress?.doneAt ?? null, positionSeconds: progress?.positionSeconds ?? null };
    k.record({ tenantId: tid, actorId: actor.userId, verb: "viewed", objectType: "course_item", objectId: itemId, context: { courseId: id, kind: row.kind } });
  }
  return { ...presentItemWithBody(row), bodyDoc: a.canEdit ? (row.body_doc ?? null) : null, progress };
}
