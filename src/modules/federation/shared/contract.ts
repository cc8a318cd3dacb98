import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";
import * as assignments from "../../assignments/shared/contract.ts";
import { CoursePage, ItemDetail, ItemSaved } from "../../courses/shared/contract.ts";
import { MyProgress, progressTable } from "../../enrolment/shared/contract.ts";

/** The rights one platform grants another; course rights name the grantor's courses. */
export const RIGHTS = ["browse", "enrol", "copy", "coteach"] as const;
export const STATUSES = ["proposed", "accepted", "declined", "revoked"] as const;
const day = z.iso.date();

export const Agreement = z.object({
  id: z.uuid(),
  /** grantor: this platform grants; grantee: this platform receives */
  side: z.enum(["grantor", "grantee"]),
  partner: z.object({ id: z.uuid(), name: z.string() }),
  browse: z.boolean(),
  enrol: z.array(z.object({ id: z.uuid(), title: z.string() })),
  copy: z.array(z.object({ id: z.uuid(), title: z.string() })),
  coteach: z.array(z.object({ id: z.uuid(), title: z.string() })),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(STATUSES),
  /** accepted and today within its dates */
  inForce: z.boolean(),
  createdAt: z.string(),
});
export type Agreement = z.infer<typeof Agreement>;

export const listPartnerPlatforms = defineContract({
  method: "GET",
  path: "/api/v1/federation/platforms",
  summary: "The other platforms of the deployment (names only), to propose an agreement to (platform admin)",
  tags: ["federation"],
  response: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) }),
});

export const listOwnCourses = defineContract({
  method: "GET",
  path: "/api/v1/federation/own-courses",
  summary: "This platform's courses that an agreement can name (platform admin)",
  tags: ["federation"],
  response: z.object({ items: z.array(z.object({ id: z.uuid(), title: z.string() })) }),
});

export const listAgreements = defineContract({
  method: "GET",
  path: "/api/v1/federation/agreements",
  summary: "Agreements this platform grants or receives (platform admin)",
  tags: ["federation"],
  response: z.object({ items: z.array(Agreement) }),
});

export const proposeAgreement = defineContract({
  method: "POST",
  path: "/api/v1/federation/agreements",
  summary: "Propose rights on this platform to another platform, between two dates (platform admin)",
  tags: ["federation"],
  body: z.object({
    partnerId: z.uuid(),
    browse: z.boolean().default(false),
    enrolCourseIds: z.array(z.uuid()).max(200).default([]),
    copyCourseIds: z.array(z.uuid()).max(200).default([]),
    coteachCourseIds: z.array(z.uuid()).max(200).default([]),
    startsOn: day,
    endsOn: day,
  }),
  response: Agreement,
});

const agreementParams = z.object({ id: z.uuid() });
const decision = (verb: string, summary: string) =>
  defineContract({
    method: "POST",
    path: `/api/v1/federation/agreements/:id/${verb}`,
    summary,
    tags: ["federation"],
    params: agreementParams,
    response: Agreement,
  });
export const acceptAgreement = decision("accept", "Accept an agreement proposed to this platform (platform admin)");
export const declineAgreement = decision("decline", "Decline an agreement proposed to this platform (platform admin)");
export const revokeAgreement = decision("revoke", "End an agreement at once, from either side; nobody's work is deleted (platform admin)");

export const AuditEntry = z.object({
  id: z.uuid(),
  agreementId: z.uuid().nullable(),
  action: z.string(),
  platform: z.string(),
  actor: z.string(),
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export const AUDIT_PAGE = 50;
export const listAudit = defineContract({
  method: "GET",
  path: "/api/v1/federation/audit",
  summary: "This platform's federation and support log, newest first (platform admin)",
  tags: ["federation"],
  query: z.object({ page: z.coerce.number().int().min(1).max(100000).default(1) }),
  response: z.object({ items: z.array(AuditEntry), total: z.number().int() }),
});

/** A course another platform opens to this one's learners or teachers. */
export const PartnerCourse = z.object({
  agreementId: z.uuid(),
  courseId: z.uuid(),
  platform: z.string(),
  title: z.string(),
  summary: z.string(),
  /** browse: listed by the browse right only, to read about, not to join */
  role: z.enum(["learner", "teacher", "browse"]),
  enrolled: z.boolean(),
});
export const listPartnerCourses = defineContract({
  method: "GET",
  path: "/api/v1/federation/courses",
  summary: "Courses of partner platforms open to me under agreements in force (to enrol or co-teach)",
  tags: ["federation"],
  response: z.object({ items: z.array(PartnerCourse) }),
});

const remoteParams = z.object({ agreementId: z.uuid(), courseId: z.uuid() });
const remoteItemParams = remoteParams.extend({ itemId: z.uuid() });
export const joinPartnerCourse = defineContract({
  method: "POST",
  path: "/api/v1/federation/courses/:agreementId/:courseId/join",
  summary: "Enrol in a partner's course (learners) or join its teaching team (teachers), under the agreement",
  tags: ["federation"],
  params: remoteParams,
  body: z.object({ role: z.enum(["learner", "teacher"]) }),
  response: PartnerCourse,
});
export const getPartnerCourse = defineContract({
  method: "GET",
  path: "/api/v1/federation/courses/:agreementId/:courseId",
  summary: "A partner's course page, served from the partner platform under the agreement",
  tags: ["federation"],
  params: remoteParams,
  response: CoursePage.extend({ platform: z.string() }),
});
export const getPartnerItem = defineContract({
  method: "GET",
  path: "/api/v1/federation/courses/:agreementId/:courseId/items/:itemId",
  summary: "Open an item of a partner's course (records the view on the partner platform)",
  tags: ["federation"],
  params: remoteItemParams,
  response: ItemDetail,
});
export const markPartnerItemDone = defineContract({
  method: "POST",
  path: "/api/v1/federation/courses/:agreementId/:courseId/items/:itemId/done",
  summary: "Mark an item of a partner's course done",
  tags: ["federation"],
  params: remoteItemParams,
  response: MyProgress,
});
export const partnerCourseProgress = defineContract({
  method: "GET",
  path: "/api/v1/federation/courses/:agreementId/:courseId/progress",
  summary: "Co-teachers: the whole progress table of a co-taught partner course",
  tags: ["federation"],
  params: remoteParams,
  query: progressTable.query,
  response: progressTable.response,
});

/** Co-teaching: an assignment of a co-taught partner course, marked and graded from the home platform. */
const coteachItemParams = remoteParams.extend({ itemId: z.uuid() });
const coteachSubmissionParams = coteachItemParams.extend({ submissionId: z.uuid() });
export const getPartnerAssignment = defineContract({
  method: "GET",
  path: "/api/v1/federation/courses/:agreementId/:courseId/assignments/:itemId",
  summary: "Co-teachers: an assignment of a co-taught partner course, as its teachers see it",
  tags: ["federation"],
  params: coteachItemParams,
  response: assignments.AssignmentView,
});
export const listPartnerSubmissions = defineContract({
  method: "GET",
  path: "/api/v1/federation/courses/:agreementId/:courseId/assignments/:itemId/submissions",
  summary: "Co-teachers: everyone's submission to an assignment of a co-taught partner course",
  tags: ["federation"],
  params: coteachItemParams,
  response: assignments.listSubmissions.response,
});
export const getPartnerSubmission = defineContract({
  method: "GET",
  path: "/api/v1/federation/courses/:agreementId/:courseId/assignments/:itemId/submissions/:submissionId",
  summary: "Co-teachers: one submission of a co-taught partner course, with its grade and feedback so far",
  tags: ["federation"],
  params: coteachSubmissionParams,
  response: assignments.SubmissionDetail,
});
export const gradePartnerSubmission = defineContract({
  method: "PUT",
  path: "/api/v1/federation/courses/:agreementId/:courseId/assignments/:itemId/submissions/:submissionId/grade",
  summary: "Co-teachers: grade a submission of a co-taught partner course (score or rubric fill, feedback text); the grade stays under the co-teacher's name",
  tags: ["federation"],
  params: coteachSubmissionParams,
  body: assignments.gradeSubmission.body.omit({ feedbackFileIds: true }),
  response: assignments.SubmissionDetail,
});

/** Co-teaching: pages written in a co-taught partner course, through the partner's own course editing rules. */
const pageTitle = z.string().trim().min(1).max(300);
export const addPartnerPage = defineContract({
  method: "POST",
  path: "/api/v1/federation/courses/:agreementId/:courseId/pages",
  summary: "Co-teachers: add a page at the end of a section of a co-taught partner course",
  tags: ["federation"],
  params: remoteParams,
  body: z.object({ sectionId: z.uuid(), title: pageTitle, body: z.unknown().optional() }),
  response: ItemSaved,
});
export const updatePartnerPage = defineContract({
  method: "PATCH",
  path: "/api/v1/federation/courses/:agreementId/:courseId/pages/:itemId",
  summary: "Co-teachers: change the title and text of a page of a co-taught partner course",
  tags: ["federation"],
  params: remoteItemParams,
  body: z.object({ title: pageTitle.optional(), body: z.unknown().optional() }),
  response: ItemSaved,
});

export const HomePerson = z.object({
  userId: z.uuid(),
  name: z.string(),
  username: z.string(),
  percent: z.number().int(),
  completedAt: z.string().nullable(),
  grades: z.array(z.object({ item: z.string(), grade: z.string() })),
});
export const homeProgress = defineContract({
  method: "GET",
  path: "/api/v1/federation/agreements/:id/courses/:courseId/people",
  summary: "Admins of the receiving platform: their own people's progress and released grades in one granted course",
  tags: ["federation"],
  params: z.object({ id: z.uuid(), courseId: z.uuid() }),
  response: z.object({ items: z.array(HomePerson) }),
});

export const RecordCourse = z.object({
  courseId: z.uuid(),
  agreementId: z.uuid(),
  platform: z.string(),
  title: z.string(),
  role: z.enum(["learner", "teacher"]),
  /** false once the agreement is revoked or over: the record stays, read-only */
  open: z.boolean(),
  items: z.array(z.object({ id: z.uuid(), title: z.string(), doneAt: z.string().nullable() })),
});
export const myRecord = defineContract({
  method: "GET",
  path: "/api/v1/federation/record",
  summary: "My record of partner courses: what I did, kept on my own platform even after an agreement ends",
  tags: ["federation"],
  response: z.object({ items: z.array(RecordCourse) }),
});

export const SupportGrant = z.object({
  id: z.uuid(),
  operator: z.object({ id: z.uuid(), name: z.string() }),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});
export const listOperators = defineContract({
  method: "GET",
  path: "/api/v1/federation/operators",
  summary: "The deployment's operators, who may be given a support grant (platform admin)",
  tags: ["federation"],
  response: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) }),
});
export const listSupportGrants = defineContract({
  method: "GET",
  path: "/api/v1/federation/support-grants",
  summary: "Support grants given by this platform (platform admin)",
  tags: ["federation"],
  response: z.object({ items: z.array(SupportGrant) }),
});
export const createSupportGrant = defineContract({
  method: "POST",
  path: "/api/v1/federation/support-grants",
  summary: "Let one deployment operator read this platform's data until a given time (at most 30 days; platform admin)",
  tags: ["federation"],
  body: z.object({ operatorId: z.uuid(), hours: z.coerce.number().int().min(1).max(720) }),
  response: SupportGrant,
});
export const revokeSupportGrant = defineContract({
  method: "POST",
  path: "/api/v1/federation/support-grants/:id/revoke",
  summary: "End a support grant now (platform admin)",
  tags: ["federation"],
  params: z.object({ id: z.uuid() }),
  response: SupportGrant,
});

/** A course of a partner platform that an agreement in force lets this platform copy. */
export const CopyableCourse = z.object({
  agreementId: z.uuid(),
  courseId: z.uuid(),
  platform: z.string(),
  title: z.string(),
  summary: z.string(),
  sections: z.number().int(),
  items: z.number().int(),
  /** copies already made here from this course (all of them for a platform admin, one's own for a teacher) */
  copies: z.array(z.object({ courseId: z.uuid(), title: z.string(), copiedAt: z.string() })),
});
export const listCopyableCourses = defineContract({
  method: "GET",
  path: "/api/v1/federation/copyable-courses",
  summary: "Partner courses that agreements in force let this platform copy (people who may create courses here)",
  tags: ["federation"],
  response: z.object({ items: z.array(CopyableCourse) }),
});
export const copyPartnerCourse = defineContract({
  method: "POST",
  path: "/api/v1/federation/copyable-courses/:agreementId/:courseId/copy",
  summary: "Copy a partner's course into this platform, on a node where I may create courses: an independent draft, without its people",
  tags: ["federation"],
  params: remoteParams,
  body: z.object({ orgId: z.uuid(), title: z.string().trim().min(1).max(300).optional() }),
  response: z.object({
    courseId: z.uuid(),
    title: z.string(),
    /** files and videos whose bytes were copied into this platform */
    files: z.number().int(),
    /** items left out: a file or video whose file is gone on the partner's side */
    notCopied: z.array(z.object({ kind: z.string(), title: z.string() })),
  }),
});
export const CopyOrigin = z.object({
  agreementId: z.uuid(),
  platform: z.string(),
  title: z.string(),
  copiedBy: z.string(),
  copiedAt: z.string(),
});
export const getCopyOrigin = defineContract({
  method: "GET",
  path: "/api/v1/federation/copies/:courseId",
  summary: "Where a course of this platform was copied from, if it came from a partner platform (the course's editors)",
  tags: ["federation"],
  params: z.object({ courseId: z.uuid() }),
  response: z.object({ origin: CopyOrigin.nullable() }),
});
