import { sql } from "kysely";
import { type Actor, allowed } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse } from "../../../courses/server/index.ts";
import { groupsOf } from "../../../groups/server/index.ts";
import { mayReadOrgForum, presentForum } from "../access.ts";

/**
 * The forums of a course or of an organisation node, with how many threads each has and how many
 * the person has not read to the end (threads of other groups left out where groups are separate).
 */
export async function listForums(k: Kernel, actor: Actor, scope: { courseId: string } | { orgId: string }) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const tid = actor.tenant.id;
  let head: { kind: "course" | "org"; id: string; title: string };
  let canManage: boolean;
  let seeAllGroups = true;
  let myGroups: string[] = [];
  if ("courseId" in scope) {
    const a = await loadCourse(k.db, actor, scope.courseId);
    head = { kind: "course", id: a.course.id, title: a.course.title };
    canManage = a.canEdit;
    seeAllGroups = a.canTeach;
    if (!seeAllGroups) myGroups = (await groupsOf(k.db, tid, scope.courseId, actor.userId)).map((g) => g.id);
  } else {
    const org = await k.db.selectFrom("orgs").select(["id", "path", "name"]).where("tenant_id", "=", tid).where("id", "=", scope.orgId).executeTakeFirst();
    if (!org || !mayReadOrgForum(actor, org.path)) throw notFound();
    head = { kind: "org", id: org.id, title: org.name };
    canManage = allowed(actor, "org.manage", { orgPath: org.path });
  }
  const groupOk = seeAllGroups
    ? sql<boolean>`true`
    : myGroups.length
      ? sql<boolean>`(not f.separate_groups or t.group_id is null or t.group_id in (${sql.join(myGroups)}))`
      : sql<boolean>`(not f.separate_groups or t.group_id is null)`;
  const rows = await k.db
    .selectFrom("forums as f")
    .selectAll("f")
    .select((eb) => [
      eb
        .selectFrom("forum_threads as t")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("t.tenant_id", "=", "f.tenant_id")
        .whereRef("t.forum_id", "=", "f.id")
        .where(groupOk)
        .as("threads"),
      eb
        .selectFrom("forum_threads as t")
        .leftJoin("forum_reads as r", (j) => j.onRef("r.tenant_id", "=", "t.tenant_id").onRef("r.thread_id", "=", "t.id").on("r.user_id", "=", actor.userId))
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("t.tenant_id", "=", "f.tenant_id")
        .whereRef("t.forum_id", "=", "f.id")
        .where(groupOk)
        .where((e) => e.or([e("r.last_post_id", "is", null), e("r.last_post_id", "<", e.ref("t.last_post_id"))]))
        .as("unread"),
    ])
    .where("f.tenant_id", "=", tid)
    .where(head.kind === "course" ? "f.course_id" : "f.org_id", "=", head.id)
    .orderBy(sql`case f.kind when 'announcements' then 0 else 1 end`)
    .orderBy("f.created_at")
    .execute();
  return { scope: head, canManage, forums: rows.map((r) => presentForum(r, r)) };
}
