import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadAssignment } from "../load.ts";
import { assignmentView } from "../view.ts";

export async function getAssignment(k: Kernel, actor: Actor, courseId: string, itemId: string) {
  return assignmentView(k, await loadAssignment(k, actor, courseId, itemId, "view"));
}
