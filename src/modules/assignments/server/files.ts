import { sql } from "kysely";
import type { FileReferenceCheck } from "../../../kernel/files/index.ts";
import { loadCourse } from "../../courses/server/index.ts";

/**
 * Who may read a file of a submission or of its feedback: the course's markers; the learner
 * (or the members of the group) who submitted it; feedback files only once grades are released.
 * Anyone else, members of other groups included, gets 404.
 */
export const assignmentFiles: FileReferenceCheck = async (db, actor, file) => {
  const tid = actor.tenant.id;
  const json = JSON.stringify([file.id]);
  const rows = await db
    .selectFrom("assignment_submissions as s")
    .innerJoin("assignments as a", (j) => j.onRef("a.tenant_id", "=", "s.tenant_id").onRef("a.item_id", "=", "s.item_id"))
    .select(["s.course_id", "s.user_id", "s.group_id", "a.released_at", sql<boolean>`s.file_ids @> ${json}::jsonb`.as("submitted")])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("group_members as m")
            .select("m.user_id")
            .whereRef("m.tenant_id", "=", "s.tenant_id")
            .whereRef("m.group_id", "=", "s.group_id")
            .where("m.user_id", "=", actor.userId),
        )
        .as("member"),
    )
    .where("s.tenant_id", "=", tid)
    .where((eb) => eb.or([eb(sql`s.file_ids`, "@>", sql`${json}::jsonb`), eb(sql`s.feedback_file_ids`, "@>", sql`${json}::jsonb`)]))
    .limit(20)
    .execute();
  for (const r of rows) {
    const own = r.user_id === actor.userId || !!r.member;
    if (own && (r.submitted || r.released_at)) {
      const visible = await loadCourse(db, actor, r.course_id).then(
        (a) => a.canView,
        () => false,
      );
      if (visible) return true;
    }
    const teach = await loadCourse(db, actor, r.course_id).then(
      (a) => a.canTeach,
      () => false,
    );
    if (teach) return true;
  }
  return false;
};
