import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/index.ts";
import { requireReporter } from "./build-report.ts";

/** Records (or clears, when empty) who funds a learner's training in the course: managers and admins. */
export async function setFunder(k: Kernel, actor: Actor, courseId: string, userId: string, funder: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireReporter(a);
  const tid = a.course.tenant_id;
  const learner = await k.db
    .selectFrom("course_members")
    .select("user_id")
    .where("tenant_id", "=", tid)
    .where("course_id", "=", courseId)
    .where("user_id", "=", userId)
    .where("role", "=", "learner")
    .executeTakeFirst();
  if (!learner) throw notFound();
  if (!funder) {
    await k.db.deleteFrom("funding").where("tenant_id", "=", tid).where("course_id", "=", courseId).where("user_id", "=", userId).execute();
    return { funder: null };
  }
  await k.db
    .insertInto("funding")
    .values({ tenant_id: tid, course_id: courseId, user_id: userId, funder })
    .onConflict((oc) => oc.columns(["tenant_id", "course_id", "user_id"]).doUpdateSet({ funder, updated_at: new Date() }))
    .execute();
  return { funder };
}
