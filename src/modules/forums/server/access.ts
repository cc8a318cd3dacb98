import type { Kysely, Selectable } from "kysely";
import { type Actor, allowed, type UserActor } from "../../../kernel/auth/actor.ts";
import type { DB, ForumsTable } from "../../../kernel/db/schema.ts";
import { AppError, notFound } from "../../../kernel/errors.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { loadCourse } from "../../courses/server/index.ts";
import { groupsOf } from "../../groups/server/index.ts";
import { TRUST_LEVELS, TRUST_RULES, type TrustLevel } from "../shared/contract.ts";

export type ForumRow = Selectable<ForumsTable>;

/** What a person may do in a forum, from the course (or organisation node) it belongs to. */
export type ForumAccess = {
  actor: UserActor;
  forum: ForumRow;
  scope: { kind: "course" | "org"; id: string; title: string };
  canPost: boolean;
  /** course teachers and assistants, admins of the node: moderate, pin, lock, post announcements */
  canModerate: boolean;
  canManage: boolean;
  /** with separate groups: the groups whose threads the person sees (null: all) */
  groupIds: string[] | null;
  groups: { id: string; name: string }[];
};

/** Admins of the platform's root node moderate every forum and run the platform queue. */
export const isPlatformModerator = (actor: UserActor) => allowed(actor, "org.manage", { orgPath: `/${actor.tenant.rootOrgId}/` });

const SUPERVISORS = new Set(["teacher", "staff", "admin"]);

/**
 * An organisation node's forum is read by the people placed at or under the node; teachers, staff
 * and admins placed above it read it too (they look after the branch), learners and parents placed
 * above do not: a class's forum is not the whole school's. `mayReadPostSql` says the same in SQL.
 */
export const mayReadOrgForum = (actor: UserActor, orgPath: string) =>
  actor.grants.some((g) => g.path.startsWith(orgPath) || (SUPERVISORS.has(g.role) && orgPath.startsWith(g.path)));

/** Course access or node access for a forum row; 404 when the person may not see it. */
export async function accessForum(k: Kernel, actor: Actor, forum: ForumRow): Promise<ForumAccess> {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  if (forum.course_id) {
    const a = await loadCourse(k.db, actor, forum.course_id);
    const canModerate = a.canTeach;
    let groupIds: string[] | null = null;
    let groups: { id: string; name: string }[] = [];
    if (forum.separate_groups && !canModerate) {
      groups = await groupsOf(k.db, actor.tenant.id, forum.course_id, actor.userId);
      groupIds = groups.map((g) => g.id);
    }
    return {
      actor,
      forum,
      scope: { kind: "course", id: a.course.id, title: a.course.title },
      canPost: a.roles.length > 0 || a.canTeach,
      canModerate,
      canManage: a.canEdit,
      groupIds,
      groups: groups.map((g) => ({ id: g.id, name: g.name })),
    };
  }
  const org = await k.db.selectFrom("orgs").select(["id", "path", "name"]).where("tenant_id", "=", actor.tenant.id).where("id", "=", forum.org_id!).executeTakeFirst();
  if (!org || !mayReadOrgForum(actor, org.path)) throw notFound();
  const manage = allowed(actor, "org.manage", { orgPath: org.path });
  return { actor, forum, scope: { kind: "org", id: org.id, title: org.name }, canPost: true, canModerate: manage, canManage: manage, groupIds: null, groups: [] };
}

/** Loads a forum of the actor's platform and what they may do in it (404 when invisible). */
export async function loadForum(k: Kernel, actor: Actor, forumId: string): Promise<ForumAccess> {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const forum = await k.db.selectFrom("forums").selectAll().where("tenant_id", "=", actor.tenant.id).where("id", "=", forumId).executeTakeFirst();
  if (!forum) throw notFound();
  return accessForum(k, actor, forum);
}

/** A thread is seen by those who see its forum and, with separate groups, by its group's members. */
/**
 * Who may open a moderators' page (the review queue, the log), its platform and its title: a
 * forum's page for the forum's moderators, the platform's (no forumId) for the platform's admins.
 */
export async function moderatorsPage(k: Kernel, actor: Actor, forumId?: string) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const tenantId = actor.tenant.id;
  if (!forumId) {
    if (!isPlatformModerator(actor)) throw new AppError("forbidden");
    return { tenantId, title: actor.tenant.slug };
  }
  const a = await loadForum(k, actor, forumId);
  if (!a.canModerate) throw new AppError("forbidden");
  return { tenantId, title: a.forum.title };
}

export function threadVisible(a: ForumAccess, groupId: string | null) {
  return a.groupIds === null || groupId === null || a.groupIds.includes(groupId);
}

export type Standing = { trust_floor: number; days_visited: number; posts_read: number; posts_made: number; silenced_until: Date | null; suspended_until: Date | null };

/** Trust from activity (thresholds in TRUST_RULES), never below what an admin granted. */
export function trustOf(p: Standing | undefined | null): TrustLevel {
  if (!p) return "new";
  let level = 0;
  if (p.days_visited >= TRUST_RULES.member.days && p.posts_read >= TRUST_RULES.member.read) level = 1;
  if (level === 1 && p.days_visited >= TRUST_RULES.regular.days && p.posts_read >= TRUST_RULES.regular.read && p.posts_made >= TRUST_RULES.regular.made) level = 2;
  if (level === 2 && p.days_visited >= TRUST_RULES.leader.days && p.posts_read >= TRUST_RULES.leader.read && p.posts_made >= TRUST_RULES.leader.made) level = 3;
  return TRUST_LEVELS[Math.max(level, p.trust_floor)]!;
}

export const active = (until: Date | null | undefined, now = new Date()) => !!until && new Date(until) > now;

/** A suspended person has no access to the forums until the date. */
export function assertNotSuspended(p: Standing | undefined | null) {
  if (p && active(p.suspended_until)) throw new AppError("forums.suspended", { until: new Date(p.suspended_until!) }, undefined, 403);
}

export const standingColumns = ["trust_floor", "days_visited", "posts_read", "posts_made", "silenced_until", "suspended_until"] as const;

export function loadStanding(db: Kysely<DB>, tenantId: string, userId: string) {
  return db.selectFrom("forum_people").select(standingColumns).where("tenant_id", "=", tenantId).where("user_id", "=", userId).executeTakeFirst();
}

export function presentForum(f: ForumRow, counts: { threads?: number | string | null; unread?: number | string | null } = {}) {
  return {
    id: f.id,
    kind: f.kind,
    title: f.title,
    description: f.description,
    separateGroups: f.separate_groups,
    premoderateNew: f.premoderate_new,
    editMinutes: f.edit_minutes,
    threads: Number(counts.threads ?? 0),
    unread: Number(counts.unread ?? 0),
  };
}

/** A thread with its forum (one query), then the forum's access; 404 when either is invisible. */
export async function loadThread(k: Kernel, actor: Actor, threadId: string) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const row = await k.db
    .selectFrom("forum_threads as t")
    .innerJoin("forums as f", (j) => j.onRef("f.tenant_id", "=", "t.tenant_id").onRef("f.id", "=", "t.forum_id"))
    .selectAll("f")
    .select([
      "t.id as t_id",
      "t.title as t_title",
      "t.group_id as t_group_id",
      "t.author_id as t_author_id",
      "t.first_post_id as t_first_post_id",
      "t.pinned as t_pinned",
      "t.locked as t_locked",
      "t.answer_post_id as t_answer_post_id",
      "t.reply_count as t_reply_count",
    ])
    .where("t.tenant_id", "=", actor.tenant.id)
    .where("t.id", "=", threadId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const { t_id, t_title, t_group_id, t_author_id, t_first_post_id, t_pinned, t_locked, t_answer_post_id, t_reply_count, ...forum } = row;
  const a = await accessForum(k, actor, forum);
  const thread = {
    id: t_id,
    title: t_title,
    groupId: t_group_id,
    authorId: t_author_id,
    firstPostId: t_first_post_id,
    pinned: t_pinned,
    locked: t_locked,
    answerPostId: t_answer_post_id,
    replies: t_reply_count,
  };
  if (!threadVisible(a, thread.groupId)) throw notFound();
  return { a, thread };
}

/** A post with its thread and forum; 404 when the person may not see it. */
export async function loadPost(k: Kernel, actor: Actor, postId: string) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const post = await k.db
    .selectFrom("forum_posts")
    .select(["id", "thread_id", "forum_id", "author_id", "status", "created_at", "body_plain", "flag_count"])
    .where("tenant_id", "=", actor.tenant.id)
    .where("id", "=", postId)
    .executeTakeFirst();
  if (!post || post.status === "deleted") throw notFound();
  const { a, thread } = await loadThread(k, actor, post.thread_id);
  if (post.status !== "visible" && !a.canModerate && post.author_id !== actor.userId) throw notFound();
  return { a, thread, post };
}

/** Writes a line of the moderators' log. */
export function logModeration(
  db: Kysely<DB>,
  tenantId: string,
  e: { id: string; forumId?: string | null; postId?: string | null; targetUserId?: string | null; moderatorId: string | null; action: string; reason?: string; until?: Date | null },
) {
  return db
    .insertInto("forum_mod_log")
    .values({
      tenant_id: tenantId,
      id: e.id,
      forum_id: e.forumId ?? null,
      post_id: e.postId ?? null,
      target_user_id: e.targetUserId ?? null,
      moderator_id: e.moderatorId,
      action: e.action,
      reason: e.reason ?? "",
      until: e.until ?? null,
    })
    .execute();
}
