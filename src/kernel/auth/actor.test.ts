import { describe, expect, it } from "vitest";
import type { Profile } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import { type Action, type Actor, adminPaths, allowed, authorize, type Grant, type UserActor } from "./actor.ts";

// a tree: root > region R > departments D1, D2 > site S (in D1) > class C
const root = "/root/";
const R = `${root}r/`;
const D1 = `${R}d1/`;
const D2 = `${R}d2/`;
const S = `${D1}s/`;
const C = `${S}c/`;
const tenant = { id: "t", slug: "t", rootOrgId: "root", defaultLocale: "fr" };

const actor = (grants: [string, Profile][], extra: Partial<UserActor> = {}): UserActor => ({
  kind: "user",
  tenant,
  userId: "me",
  sessionId: "s",
  profile: grants[0]?.[1] ?? "learner",
  grants: grants.map(([path, role]): Grant => ({ orgId: path.split("/").filter(Boolean).at(-1)!, path, role })),
  isOperator: false,
  ...extra,
});

const codeOf = (f: () => void) => {
  try {
    f();
    return "ok";
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return `${(e as AppError).code}:${(e as AppError).status}`;
  }
};

describe("authorize()", () => {
  it("answers 401 to anonymous callers for every action", () => {
    const anon: Actor = { kind: "anonymous", tenant };
    for (const a of ["platform.list", "org.read", "org.manage", "user.read", "account.self"] as Action[]) {
      expect(codeOf(() => authorize(anon, a, { orgPath: root, userId: "me" }))).toBe("unauthenticated:401");
    }
  });

  it("keeps deployment actions to operators", () => {
    const admin = actor([[root, "admin"]]);
    const operator = actor([[root, "admin"]], { isOperator: true });
    for (const a of ["platform.create", "platform.list", "outbox.read"] as Action[]) {
      expect(codeOf(() => authorize(admin, a))).toBe("forbidden:403");
      expect(codeOf(() => authorize(operator, a))).toBe("ok");
    }
  });

  it("account.self is only about oneself", () => {
    const me = actor([[C, "learner"]]);
    expect(allowed(me, "account.self", { userId: "me" })).toBe(true);
    expect(allowed(me, "account.self", { userId: "other" })).toBe(false);
    expect(allowed(me, "account.self", {})).toBe(false);
  });

  // rows: who; columns: the node acted on
  const nodes = { root, R, D1, D2, S, C } as const;
  const matrix: { who: string; grants: [string, Profile][]; read: string; manage: string }[] = [
    { who: "platform admin", grants: [[root, "admin"]], read: "root R D1 D2 S C", manage: "root R D1 D2 S C" },
    { who: "region admin", grants: [[R, "admin"]], read: "root R D1 D2 S C", manage: "R D1 D2 S C" },
    { who: "department admin", grants: [[D1, "admin"]], read: "root R D1 S C", manage: "D1 S C" },
    { who: "teacher of the site", grants: [[S, "teacher"]], read: "root R D1 S C", manage: "" },
    { who: "learner of the class", grants: [[C, "learner"]], read: "root R D1 S C", manage: "" },
    {
      who: "admin of D2 and teacher in C",
      grants: [
        [D2, "admin"],
        [C, "teacher"],
      ],
      read: "root R D1 D2 S C",
      manage: "D2",
    },
    { who: "nobody", grants: [], read: "", manage: "" },
  ];
  it.each(matrix)("org.read / org.manage / role.grant / import.run for the $who", ({ grants, read, manage }) => {
    const a = actor(grants);
    for (const [name, path] of Object.entries(nodes)) {
      expect(allowed(a, "org.read", { orgPath: path }), `read ${name}`).toBe(read.split(" ").includes(name));
      for (const act of ["org.manage", "role.grant", "import.run"] as Action[]) {
        expect(allowed(a, act, { orgPath: path }), `${act} ${name}`).toBe(manage.split(" ").includes(name));
      }
    }
    expect(allowed(a, "org.read", {})).toBe(false);
    expect(allowed(a, "org.manage", {})).toBe(false);
  });

  it("does not confuse a node with another whose id starts the same", () => {
    const a = actor([["/root/ab/", "admin"]]);
    expect(allowed(a, "org.manage", { orgPath: "/root/abc/" })).toBe(false);
    expect(allowed(a, "org.read", { orgPath: "/root/abc/" })).toBe(false);
  });

  it("user.read: oneself, or someone with a role in a branch one administers", () => {
    const d1 = actor([[D1, "admin"]]);
    expect(allowed(d1, "user.read", { userId: "me", orgPaths: [] })).toBe(true);
    expect(allowed(d1, "user.read", { userId: "x", orgPaths: [C] })).toBe(true);
    expect(allowed(d1, "user.read", { userId: "x", orgPaths: [D2, C] })).toBe(true);
    expect(allowed(d1, "user.read", { userId: "x", orgPaths: [D2] })).toBe(false);
    expect(allowed(d1, "user.read", { userId: "x", orgPaths: [R] })).toBe(false);
    expect(allowed(actor([[C, "teacher"]]), "user.read", { userId: "x", orgPaths: [C] })).toBe(false);
  });

  it("user.manage: only who administers every branch the person belongs to", () => {
    const d1 = actor([[D1, "admin"]]);
    expect(allowed(d1, "user.manage", { userId: "x", orgPaths: [S, C] })).toBe(true);
    // someone who also belongs elsewhere (a platform admin teaching in D1) is not D1's to change
    expect(allowed(d1, "user.manage", { userId: "x", orgPaths: [C, root] })).toBe(false);
    expect(allowed(d1, "user.manage", { userId: "x", orgPaths: [C, D2] })).toBe(false);
    expect(allowed(actor([[R, "admin"]]), "user.manage", { userId: "x", orgPaths: [C, D2] })).toBe(true);
    // and nobody manages themselves through user.read's "oneself" rule
    expect(allowed(actor([[C, "learner"]]), "user.manage", { userId: "me", orgPaths: [C] })).toBe(false);
  });

  it("a person placed nowhere is the platform admins' only", () => {
    expect(allowed(actor([[root, "admin"]]), "user.manage", { userId: "x", orgPaths: [] })).toBe(true);
    expect(allowed(actor([[R, "admin"]]), "user.manage", { userId: "x", orgPaths: [] })).toBe(false);
    expect(allowed(actor([[root, "teacher"]]), "user.read", { userId: "x", orgPaths: [] })).toBe(false);
  });

  it("adminPaths keeps the outermost branches an actor administers", () => {
    expect(
      adminPaths(
        actor([
          [D1, "admin"],
          [C, "admin"],
          [D2, "teacher"],
          [R, "learner"],
        ]),
      ),
    ).toEqual([D1]);
    expect(
      adminPaths(
        actor([
          [D1, "admin"],
          [D2, "admin"],
        ]),
      ).sort(),
    ).toEqual([D1, D2].sort());
    expect(adminPaths(actor([[C, "teacher"]]))).toEqual([]);
  });
});
