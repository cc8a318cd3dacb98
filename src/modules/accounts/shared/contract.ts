import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";
import { Branding } from "../../orgs/shared/contract.ts";

export const PROFILES = ["learner", "teacher", "parent", "staff", "admin"] as const;
export const LOCALE_CODES = ["fr", "en", "es", "nl", "de", "it"] as const;
export const USERNAME = /^[a-z0-9._@-]{2,120}$/;

const password = z.string().min(10).max(200);
const id = z.object({ id: z.uuid() });
const ok = z.object({ ok: z.literal(true) });

export const Grant = z.object({ id: z.uuid(), orgId: z.uuid(), orgName: z.string(), role: z.enum(PROFILES), branding: Branding });

export const Me = z.object({
  id: z.uuid(),
  username: z.string(),
  email: z.string().nullable(),
  givenName: z.string(),
  familyName: z.string(),
  profile: z.enum(PROFILES),
  locale: z.enum(LOCALE_CODES).nullable(),
  isOperator: z.boolean(),
  isAdmin: z.boolean(),
  /** a partner organisation's person: which partner and their part in it (they hold no organisation role) */
  partner: z.object({ id: z.uuid(), name: z.string(), role: z.enum(["manager", "trainer", "learner"]) }).nullable(),
  /** partner courses (federation) have something for the person: one they joined, or an agreement in force on their platform that opens some */
  partnerCourses: z.boolean(),
  grants: z.array(Grant),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;

export const getMe = defineContract({
  method: "GET",
  path: "/api/v1/me",
  summary: "The signed-in person, their roles with each node's branding, and the CSRF token",
  tags: ["accounts"],
  response: Me,
});

export const signIn = defineContract({
  method: "POST",
  path: "/api/v1/auth/sign-in",
  summary: "Sign in with a username or email and a password; sets the session cookie",
  tags: ["accounts"],
  auth: false,
  body: z.object({ login: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) }),
  response: Me,
});

export const signOut = defineContract({
  method: "POST",
  path: "/api/v1/auth/sign-out",
  summary: "End the current session (and the sessions of the services signed into through it)",
  tags: ["accounts"],
  auth: false,
  /** continueAt: a page of this platform the browser visits next, where services are told it signed out (front-channel logout) */
  response: ok.extend({ continueAt: z.string().startsWith("/").optional() }),
});

export const requestPasswordReset = defineContract({
  method: "POST",
  path: "/api/v1/auth/password-reset",
  summary: "Mail a password reset link (the answer is the same whether the account exists or not)",
  tags: ["accounts"],
  auth: false,
  body: z.object({ login: z.string().trim().min(1).max(254) }),
  response: ok,
});

export const confirmPasswordReset = defineContract({
  method: "POST",
  path: "/api/v1/auth/password-reset/confirm",
  summary: "Set a new password with the token from the reset mail; ends every session",
  tags: ["accounts"],
  auth: false,
  body: z.object({ token: z.string().min(10).max(200), password }),
  response: ok,
});

export const SessionInfo = z.object({
  id: z.uuid(),
  current: z.boolean(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});

export const listSessions = defineContract({
  method: "GET",
  path: "/api/v1/account/sessions",
  summary: "My open sessions",
  tags: ["accounts"],
  response: z.object({ items: z.array(SessionInfo) }),
});

export const revokeSession = defineContract({
  method: "DELETE",
  path: "/api/v1/account/sessions/:id",
  summary: "Sign out one of my sessions",
  tags: ["accounts"],
  params: id,
  response: ok,
});

export const signOutOthers = defineContract({
  method: "POST",
  path: "/api/v1/account/sessions/sign-out-others",
  summary: "Sign out all my sessions but this one",
  tags: ["accounts"],
  response: z.object({ revoked: z.number().int() }),
});

export const changePassword = defineContract({
  method: "POST",
  path: "/api/v1/account/password",
  summary: "Change my password (signs out my other sessions)",
  tags: ["accounts"],
  body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: password }),
  response: ok,
});

export const setLocale = defineContract({
  method: "PUT",
  path: "/api/v1/account/locale",
  summary: "Keep my choice of language",
  tags: ["accounts"],
  body: z.object({ locale: z.enum(LOCALE_CODES) }),
  response: ok,
});

export const HomeCard = z.object({ kind: z.string(), count: z.number().int().optional(), orgId: z.uuid().optional(), label: z.string().optional() });
export const getHome = defineContract({
  method: "GET",
  path: "/api/v1/home",
  summary: "What my home page shows for my profile",
  tags: ["accounts"],
  response: z.object({
    profile: z.enum(PROFILES),
    greetingName: z.string(),
    lastSignIn: z.string().nullable(),
    /** members: counted on the nodes where the person teaches, works or administers; null where they learn */
    orgs: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string(), role: z.enum(PROFILES), members: z.number().int().nullable() })),
    admin: z.object({ users: z.number().int(), orgs: z.number().int(), disabled: z.number().int() }).nullable(),
  }),
});

// ---- people (admin) ----
export const UserSummary = z.object({
  id: z.uuid(),
  username: z.string(),
  email: z.string().nullable(),
  givenName: z.string(),
  familyName: z.string(),
  profile: z.enum(PROFILES),
  status: z.enum(["active", "disabled"]),
  lastLoginAt: z.string().nullable(),
  roles: z.array(z.object({ id: z.uuid(), orgId: z.uuid(), orgName: z.string(), role: z.enum(PROFILES) })),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const listUsers = defineContract({
  method: "GET",
  path: "/api/v1/users",
  summary: "People in the branches I administer: search by name, username or email; filter by node, profile, status",
  tags: ["people"],
  query: z.object({
    q: z.string().trim().max(100).optional(),
    orgId: z.uuid().optional(),
    profile: z.enum(PROFILES).optional(),
    status: z.enum(["active", "disabled"]).optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  }),
  response: z.object({ items: z.array(UserSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
});

export const NewUser = z.object({
  username: z.string().trim().toLowerCase().regex(USERNAME),
  email: z.email().nullish(),
  givenName: z.string().trim().min(1).max(100),
  familyName: z.string().trim().min(1).max(100),
  profile: z.enum(PROFILES),
  orgId: z.uuid(),
  password: password.nullish(),
});

export const createUser = defineContract({
  method: "POST",
  path: "/api/v1/users",
  summary: "Create a person on a node with a role matching their profile; without a password they get a mail to set one",
  tags: ["people"],
  body: NewUser,
  response: UserSummary,
});

export const getUser = defineContract({
  method: "GET",
  path: "/api/v1/users/:id",
  summary: "One person",
  tags: ["people"],
  params: id,
  response: UserSummary,
});

export const updateUser = defineContract({
  method: "PATCH",
  path: "/api/v1/users/:id",
  summary: "Change a person's names, email, profile, or deactivate / reactivate them",
  tags: ["people"],
  params: id,
  body: z.object({
    email: z.email().nullable().optional(),
    givenName: z.string().trim().min(1).max(100).optional(),
    familyName: z.string().trim().min(1).max(100).optional(),
    profile: z.enum(PROFILES).optional(),
    status: z.enum(["active", "disabled"]).optional(),
  }),
  response: UserSummary,
});

export const grantRole = defineContract({
  method: "POST",
  path: "/api/v1/users/:id/roles",
  summary: "Grant a role on a node (it applies to the node's subtree)",
  tags: ["people"],
  params: id,
  body: z.object({ orgId: z.uuid(), role: z.enum(PROFILES) }),
  response: UserSummary,
});

export const revokeRole = defineContract({
  method: "DELETE",
  path: "/api/v1/users/:id/roles/:roleId",
  summary: "Withdraw a role",
  tags: ["people"],
  params: z.object({ id: z.uuid(), roleId: z.uuid() }),
  response: UserSummary,
});
