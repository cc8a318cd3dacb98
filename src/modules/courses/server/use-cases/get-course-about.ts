import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { capabilities, presentSettings } from "../present.ts";
import { teachersAndCounts } from "../repo.ts";

/**
 * Hook for the sessions module: the in-person or online sessions shown on a course's catalogue
 * page. Empty until that module provides it with `setCourseSessionsProvider`.
 */
export type CourseSessionsProvider = (k: Kernel, actor: Actor, courseId: string) => Promise<unknown[]>;
let sessionsProvider: CourseSessionsProvider | null = null;
export function setCourseSessionsProvider(p: CourseSessionsProvider | null) {
  sessionsProvider = p;
}

/** A course's catalogue page: description, teaching team, size, sessions. */
export async function getCourseAbout(k: Kernel, actor: Actor, id: string) {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "view");
  const rows = await teachersAndCounts(k.db, a.course.tenant_id, id);
  const seen = new Set<string>();
  const teachers = rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ id: r.id, givenName: r.given_name, familyName: r.family_name, role: r.role }));
  return {
    course: presentSettings(a.course),
    roles: a.roles,
    capabilities: capabilities(a),
    teachers,
    sectionCount: rows[0]?.sections ?? 0,
    itemCount: rows[0]?.items ?? 0,
    sessions: sessionsProvider ? await sessionsProvider(k, actor, id) : [],
  };
}
