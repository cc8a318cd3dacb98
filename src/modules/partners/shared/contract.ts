import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";
import { USERNAME } from "../../accounts/shared/contract.ts";

/**
 * Partners: outside organisations (a training company, an association) working inside this
 * platform with limited rights. Host admins (of the partnership's node) invite, scope, suspend
 * and end; the partner's manager adds its trainers and learners.
 */
const id = z.object({ id: z.uuid() });
const ok = z.object({ ok: z.literal(true) });
const date = z.iso.datetime({ offset: true }).nullable();

export const PartnerStatus = z.enum(["invited", "active", "suspended", "ended"]);
export const PartnerRole = z.enum(["manager", "trainer", "learner"]);
export const Named = z.object({ id: z.uuid(), name: z.string() });

export const Scopes = z.object({
  /** courses the partner's trainers teach */
  teachCourseIds: z.array(z.uuid()).max(200),
  /** the part of the catalogue the partner's learners may enrol in: chosen courses and/or organisation branches */
  enrolCourseIds: z.array(z.uuid()).max(200),
  enrolOrgIds: z.array(z.uuid()).max(50),
  startsAt: date,
  endsAt: date,
});

export const PartnerSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  contactEmail: z.string(),
  status: PartnerStatus,
  org: Named,
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  trainers: z.number().int(),
  learners: z.number().int(),
});
export type PartnerSummary = z.infer<typeof PartnerSummary>;

export const PartnerPerson = z.object({
  id: z.uuid(),
  username: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  email: z.string().nullable(),
  role: PartnerRole,
  lastLoginAt: z.string().nullable(),
});
export type PartnerPerson = z.infer<typeof PartnerPerson>;

export const PartnerDetail = PartnerSummary.extend({
  teach: z.array(Named),
  enrolCourses: z.array(Named),
  enrolOrgs: z.array(Named),
  people: z.array(PartnerPerson),
  /** the partner's people in the platform's courses: what the host follows */
  activity: z.array(
    z.object({ userId: z.uuid(), course: Named, role: z.string(), since: z.string(), completedAt: z.string().nullable(), itemsDone: z.number().int() }),
  ),
});
export type PartnerDetail = z.infer<typeof PartnerDetail>;

export const listPartners = defineContract({
  method: "GET",
  path: "/api/v1/partners",
  summary: "Partner organisations of the branches the caller administers",
  tags: ["partners"],
  response: z.object({ items: z.array(PartnerSummary) }),
});

export const partnerChoices = defineContract({
  method: "GET",
  path: "/api/v1/partners/choices",
  summary: "What an admin may share with a partner: the nodes they administer and the courses under them",
  tags: ["partners"],
  response: z.object({ orgs: z.array(Named), courses: z.array(Named.extend({ org: z.string() })) }),
});

export const invitePartner = defineContract({
  method: "POST",
  path: "/api/v1/partners",
  summary: "Invite a partner: its contact receives a signed link, valid 14 days, to accept and become its manager",
  tags: ["partners"],
  body: Scopes.extend({ name: z.string().trim().min(1).max(200), contactEmail: z.email().max(254), orgId: z.uuid() }),
  response: z.object({ id: z.uuid() }),
});

export const getPartner = defineContract({
  method: "GET",
  path: "/api/v1/partners/:id",
  summary: "A partnership: scopes, people, and their activity in the shared courses (host admins)",
  tags: ["partners"],
  params: id,
  response: PartnerDetail,
});

export const updatePartnerScopes = defineContract({
  method: "PUT",
  path: "/api/v1/partners/:id/scopes",
  summary: "Change what the partner's trainers teach, the part of the catalogue its learners see, and its dates (takes effect at once)",
  tags: ["partners"],
  params: id,
  body: Scopes,
  response: ok,
});

export const setPartnerStatus = defineContract({
  method: "POST",
  path: "/api/v1/partners/:id/status",
  summary: "Suspend, resume or end a partnership: its people's access stops (or comes back) at once; their work is kept",
  tags: ["partners"],
  params: id,
  body: z.object({ status: z.enum(["active", "suspended", "ended"]) }),
  response: ok,
});

export const PartnerInvitation = z.object({
  status: z.enum(["valid", "expired", "used"]),
  partnerName: z.string(),
  email: z.string(),
  expiresAt: z.string(),
});
export type PartnerInvitation = z.infer<typeof PartnerInvitation>;
const token = z.object({ token: z.string().min(10).max(300) });

export const getPartnerInvitation = defineContract({
  method: "GET",
  path: "/api/v1/partner-invitations/:token",
  summary: "What a partner's invitation link offers (anyone holding the link); a forged or unknown link is 404",
  tags: ["partners"],
  auth: false,
  params: token,
  response: PartnerInvitation,
});

export const NewAccount = z.object({
  username: z.string().trim().toLowerCase().regex(USERNAME),
  givenName: z.string().trim().min(1).max(100),
  familyName: z.string().trim().min(1).max(100),
  password: z.string().min(10).max(200),
});

export const acceptPartnerInvitation = defineContract({
  method: "POST",
  path: "/api/v1/partner-invitations/:token/accept",
  summary: "The partner's contact accepts: creates their account (with the invited address) and becomes the partner's manager",
  tags: ["partners"],
  auth: false,
  params: token,
  body: z.object({ account: NewAccount }),
  response: z.object({ username: z.string(), partnerName: z.string() }),
});

export const getMyPartner = defineContract({
  method: "GET",
  path: "/api/v1/partner",
  summary: "The caller's partnership: its name and scopes; its people for its manager",
  tags: ["partners"],
  response: z.object({
    id: z.uuid(),
    name: z.string(),
    role: PartnerRole,
    teach: z.array(Named),
    people: z.array(PartnerPerson),
  }),
});

export const addPartnerPerson = defineContract({
  method: "POST",
  path: "/api/v1/partner/people",
  summary: "The partner's manager adds a trainer or a learner (account with a first password)",
  tags: ["partners"],
  body: NewAccount.extend({ role: z.enum(["trainer", "learner"]), email: z.email().max(254).nullable() }),
  response: z.object({ id: z.uuid() }),
});

export const importPartnerPeople = defineContract({
  method: "POST",
  path: "/api/v1/partner/people/import",
  summary:
    "The partner's manager adds trainers and learners from a CSV file (multipart `file`; columns username, given name, family name, email, role, password): all or nothing",
  tags: ["partners"],
  response: z.object({
    created: z.number().int(),
    errors: z.array(z.object({ line: z.number().int(), column: z.string(), code: z.string(), message: z.string() })),
  }),
});
