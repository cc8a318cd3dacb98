import { allowed, type UserActor } from "../../../kernel/auth/actor.ts";

/** Admins of a node manage its classes, teachings and parent links. */
export const managesPath = (actor: UserActor, path: string) => allowed(actor, "org.manage", { orgPath: path });

/** Admins and school-life staff of a node or above see its classes and pupils. */
export const staffOver = (actor: UserActor, path: string) => actor.grants.some((g) => (g.role === "staff" || g.role === "admin") && path.startsWith(g.path));

/** Nodes under which the actor sees every class (admin or staff), outermost only. */
export const staffPaths = (actor: UserActor) => {
  const paths = actor.grants.filter((g) => g.role === "staff" || g.role === "admin").map((g) => g.path);
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
};

/** Teaching on the class node, or on a node above it (a teacher of the whole school). */
export const teachesIn = (actor: UserActor, path: string) => actor.grants.some((g) => g.role === "teacher" && path.startsWith(g.path));

/** Subjects belong to the platform: its root admins manage them. */
export const rootPath = (actor: UserActor) => `/${actor.tenant.rootOrgId}/`;
