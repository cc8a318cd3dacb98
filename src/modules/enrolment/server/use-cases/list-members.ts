import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { listMembers as list, type MemberRow } from "../repo.ts";
import { presentMember } from "../state.ts";

/** People of a course by status, a page at a time (two queries after the course). */
export async function listMembers(k: Kernel, actor: Actor, courseId: string, q: { status: MemberRow["status"]; page: number; pageSize: number }) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "teach");
  const { rows, counts } = await list(k.db, a.course.tenant_id, courseId, q.status, q.page, q.pageSize);
  return {
    items: rows.map(presentMember),
    total: rows.length ? Number(rows[0].total) : 0,
    page: q.page,
    pageSize: q.pageSize,
    counts: { active: counts.active ?? 0, pending: counts.pending ?? 0, unenrolled: counts.unenrolled ?? 0 },
  };
}
