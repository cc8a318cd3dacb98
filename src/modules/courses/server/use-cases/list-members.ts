import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { CourseRole } from "../../../../kernel/db/schema.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { presentMember } from "../present.ts";
import { listMembers as list } from "../repo.ts";

const TEAM: CourseRole[] = ["manager", "teacher", "assistant"];

/**
 * Members of a course by role. The teaching team sees everyone (all statuses); others see the
 * teaching team only. The enrolment module lists learners through the same function.
 */
export async function listMembers(k: Kernel, actor: Actor, id: string, f: { role?: CourseRole; status: "active" | "pending" | "unenrolled" }) {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "view");
  let roles = f.role ? [f.role] : undefined;
  let status = f.status;
  if (!a.canTeach) {
    roles = (roles ?? TEAM).filter((r) => TEAM.includes(r));
    status = "active";
  }
  if (roles && roles.length === 0) return [];
  const rows = await list(k.db, a.course.tenant_id, id, { roles, status });
  return rows.map(presentMember);
}
