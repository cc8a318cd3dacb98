import { sql } from "kysely";
import type { FileReferenceCheck } from "../../../kernel/files/access.ts";
import { loadCourse } from "../../courses/server/access.ts";

/**
 * A file a learner gave as the answer to a file question may be read by the teachers of that
 * quiz's course (the learner reads it as its owner). Only answers of attempts of the file's owner
 * count, so naming someone else's file in an answer shows it to nobody.
 */
export const quizFileReferences: FileReferenceCheck = async (db, actor, file) => {
  if (!file.owner_id) return false;
  const r = await sql<{ course_id: string }>`
    select distinct t.course_id from quiz_attempts t
    join quiz_answers a on a.tenant_id = t.tenant_id and a.attempt_id = t.id
    where t.tenant_id = ${actor.tenant.id} and t.user_id = ${file.owner_id}
      and a.response @> jsonb_build_object('fileIds', jsonb_build_array(${file.id}::text))
    limit 5`.execute(db);
  for (const { course_id } of r.rows) {
    const a = await loadCourse(db, actor, course_id).catch(() => null);
    if (a?.canTeach) return true;
  }
  return false;
};
