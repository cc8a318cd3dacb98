import type { Kysely } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import { invalid } from "../../../kernel/errors.ts";
import { getSection, insertItem } from "./repo.ts";

/**
 * Appends the graded course item behind an activity (a quiz, an assignment) to a section of the
 * course, inside the caller's transaction, which then writes the activity's own row under the same id.
 * A section that is not the course's is a field error.
 */
export async function addActivityItem(
  trx: Kysely<DB>,
  tid: string,
  courseId: string,
  item: { id: string; sectionId: string; kind: "quiz" | "assignment"; title: string },
) {
  if (!(await getSection(trx, tid, courseId, item.sectionId))) throw invalid({ sectionId: { code: "courses.section_unknown" } });
  await insertItem(trx, tid, { id: item.id, course_id: courseId, section_id: item.sectionId, kind: item.kind, title: item.title, completion: "graded" });
}
