import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { findGrouping } from "../repo.ts";
import { manageCourse } from "./access.ts";

/** Deleting a grouping keeps its groups (outside any grouping); assignments using it then use all groups. */
export async function deleteGrouping(k: Kernel, actor: Actor, courseId: string, groupingId: string) {
  const { tid } = await manageCourse(k, actor, courseId);
  if (!(await findGrouping(k.db, tid, courseId, groupingId))) throw notFound();
  await k.db.deleteFrom("course_groupings").where("tenant_id", "=", tid).where("id", "=", groupingId).execute();
}
