import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadForum, presentForum } from "../access.ts";

export type ForumPatch = { title?: string; description?: string; separateGroups?: boolean; premoderateNew?: boolean; editMinutes?: number };

/** Changes a forum's settings: its course's editors or its node's admins. */
export async function updateForum(k: Kernel, actor: Actor, forumId: string, p: ForumPatch) {
  const a = await loadForum(k, actor, forumId);
  if (!a.canManage) throw new AppError("forbidden");
  const patch = {
    ...(p.title !== undefined && { title: p.title }),
    ...(p.description !== undefined && { description: p.description }),
    ...(p.separateGroups !== undefined && a.forum.course_id && { separate_groups: p.separateGroups }),
    ...(p.premoderateNew !== undefined && { premoderate_new: p.premoderateNew }),
    ...(p.editMinutes !== undefined && { edit_minutes: p.editMinutes }),
  };
  const row = Object.keys(patch).length
    ? await k.db.updateTable("forums").set(patch).where("tenant_id", "=", a.actor.tenant.id).where("id", "=", forumId).returningAll().executeTakeFirstOrThrow()
    : a.forum;
  return presentForum(row);
}
