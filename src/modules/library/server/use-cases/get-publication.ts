import type { Actor } from "../../../../kernel/auth/actor.ts";
import { forbidden } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, readContent, requireCourse } from "../../../courses/server/index.ts";
import { mayPublish } from "../access.ts";
import { readExtras } from "../carried.ts";
import { entryOfCourse, teachersMayPublish } from "../repo.ts";
import { snapshotOf, withExtras } from "../snapshot.ts";
import { fullEntry } from "./get-entry.ts";

/** The publish page of a course (its editors): the entry if any, what would be left out, and whether the person may publish. */
export async function getPublication(k: Kernel, actor: Actor, courseId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "edit");
  if (actor.kind !== "user") throw forbidden();
  const tid = actor.tenant.id;
  const [teachersMay, entry, content] = await Promise.all([
    teachersMayPublish(k.db, tid),
    entryOfCourse(k.db, tid, courseId),
    readContent(k.db, tid, courseId),
  ]);
  const c = a.course;
  return {
    course: { id: c.id, title: c.title, summary: c.summary, language: c.language, tags: c.tags },
    canPublish: mayPublish(actor, a, teachersMay),
    entry: entry ? await fullEntry(k, actor, entry) : null,
    notCarried: snapshotOf(withExtras(content, await readExtras(k.db, tid, content.items))).notCarried,
  };
}
