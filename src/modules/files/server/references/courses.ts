import type { FileReferenceCheck } from "../../../../kernel/files/index.ts";
import { loadCourse } from "../../../courses/server/index.ts";

/**
 * A file (or captions file) of a course item is readable by whoever may view the course.
 * One query for the courses referencing it, then the course's access (usually one course).
 */
export const courseItemFiles: FileReferenceCheck = async (db, actor, file) => {
  const rows = await db
    .selectFrom("course_items")
    .select("course_id")
    .distinct()
    .where("tenant_id", "=", actor.tenant.id)
    .where((eb) => eb.or([eb("file_id", "=", file.id), eb("captions_file_id", "=", file.id)]))
    .limit(20)
    .execute();
  for (const r of rows) {
    const visible = await loadCourse(db, actor, r.course_id).then(
      (a) => a.canView,
      () => false,
    );
    if (visible) return true;
  }
  return false;
};
