import type { UserActor } from "../../../kernel/auth/actor.ts";
import { notFound } from "../../../kernel/errors.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { placesOf, staffOver, teachesIn } from "../../school/server/index.ts";
import { isGuardian } from "./repo.ts";

/** Staff and admins over a class, and its teachers, follow its pupils' attendance. */
export const followsClass = (actor: UserActor, classPath: string) => staffOver(actor, classPath) || teachesIn(actor, classPath);

/**
 * A pupil the actor may follow — themselves, one of their children, a pupil of a class they teach
 * or staff — with the classes the pupil is placed in; 404 for anyone else (or another platform's).
 */
export async function loadVisiblePupil(k: Kernel, actor: UserActor, pupilId: string) {
  const places = await placesOf(k.db, actor.tenant.id, pupilId);
  const classes = places.filter((p) => p.kind === "class" && p.role === "learner");
  const visible =
    pupilId === actor.userId ||
    classes.some((c) => followsClass(actor, c.path)) ||
    (actor.profile === "parent" && (await isGuardian(k.db, actor.tenant.id, actor.userId, pupilId)));
  if (!visible || places.length === 0) throw notFound();
  return { id: pupilId, classIds: classes.map((c) => c.id) };
}
