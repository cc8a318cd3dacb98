import type { Profile } from "../db/schema.ts";
import { AppError } from "../errors.ts";

/** A role held on an organisation node; it applies to the node's whole subtree. */
export type Grant = { orgId: string; path: string; role: Profile; name?: string; kind?: string };

/**
 * What a partner organisation's person may reach (partners module). They hold no organisation
 * role: a trainer teaches exactly `teach`, a learner sees and enrols in exactly `enrolCourses` and
 * the courses under `enrolPaths`; nothing else of the platform.
 */
export type PartnerReach = { partnerId: string; role: "manager" | "trainer" | "learner"; teach: string[]; enrolCourses: string[]; enrolPaths: string[] };

export type Tenant = { id: string; slug: string; rootOrgId: string; defaultLocale: string };

export type UserActor = {
  kind: "user";
  tenant: Tenant;
  userId: string;
  sessionId: string;
  profile: Profile;
  grants: Grant[];
  isOperator: boolean;
  /** set for a partner organisation's people only */
  partner?: PartnerReach;
  /** known from the session lookup, so pages like home need no query for them */
  person?: { givenName: string; lastLoginAt: string | null };
};
export type AnonymousActor = { kind: "anonymous"; tenant: Tenant | null };
export type Actor = UserActor | AnonymousActor;

/** What an action is checked against: the organisation node(s) it touches, or the person it concerns. */
export type Resource = { orgPath?: string; orgPaths?: readonly string[]; userId?: string };

export type Action =
  | "platform.create"
  | "platform.list"
  | "outbox.read"
  | "catalog.manage"
  | "org.read"
  | "org.manage"
  | "user.read"
  | "user.manage"
  | "role.grant"
  | "import.run"
  | "account.self";

const adminOver = (actor: UserActor, path: string) => actor.grants.some((g) => g.role === "admin" && path.startsWith(g.path));

/**
 * The first step of every use case. Throws 401 for anonymous callers and 403 when the actor may
 * not act; use cases turn "may not even see it" into 404 themselves by loading within scope.
 */
export function authorize(actor: Actor, action: Action, resource: Resource = {}): asserts actor is UserActor {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  if (!allowed(actor, action, resource)) throw new AppError("forbidden");
}

export function allowed(actor: UserActor, action: Action, r: Resource): boolean {
  switch (action) {
    case "platform.create":
    case "platform.list":
    case "outbox.read":
    case "catalog.manage":
      return actor.isOperator;
    case "account.self":
      return r.userId === actor.userId;
    case "org.read":
      return r.orgPath !== undefined && actor.grants.some((g) => r.orgPath!.startsWith(g.path) || g.path.startsWith(r.orgPath!));
    case "org.manage":
    case "role.grant":
    case "import.run":
      return r.orgPath !== undefined && adminOver(actor, r.orgPath);
    case "user.read":
    case "user.manage": {
      if (r.userId === actor.userId && action === "user.read") return true;
      const paths = r.orgPaths ?? [];
      // a person placed nowhere yet belongs to the platform root: only platform admins manage them
      if (paths.length === 0) return actor.grants.some((g) => g.role === "admin" && g.path.split("/").length === 3);
      // seeing someone needs one shared branch; changing them (email, names, status) needs all of
      // theirs, or a department admin could take over a platform admin who also teaches there
      return action === "user.read" ? paths.some((p) => adminOver(actor, p)) : paths.every((p) => adminOver(actor, p));
    }
  }
}

/** Organisation paths under which the actor administers (to scope listings in SQL). */
export const adminPaths = (actor: UserActor) => {
  const paths = actor.grants.filter((g) => g.role === "admin").map((g) => g.path);
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
};
