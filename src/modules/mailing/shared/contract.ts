import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

/**
 * Mailing lists and announcements: a teacher writes to a course's learners or a segment of them
 * (not completed, enrolled after a date, a group); an organisation's admin or staff ("community
 * manager") writes to everyone placed under a node. Mails go out in the background; the delivery
 * report counts sent, failed, bounced (address known to bounce) and skipped (no address, or the
 * person unsubscribed from announcements). Everyone also gets it in their notification centre.
 */
export const Audience = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("course"),
    courseId: z.uuid(),
    completion: z.enum(["all", "not_completed", "completed"]).default("all"),
    enrolledAfter: z.iso.date().optional(),
    groupId: z.uuid().optional(),
  }),
  z.object({ kind: z.literal("org"), orgId: z.uuid() }),
]);
export type Audience = z.infer<typeof Audience>;

export const RECIPIENT_STATUSES = ["queued", "sent", "failed", "bounced", "skipped"] as const;
export const Counts = z.object({
  queued: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  bounced: z.number().int(),
  skipped: z.number().int(),
});

export const MailingSummary = z.object({
  id: z.uuid(),
  subject: z.string(),
  audienceLabel: z.string(),
  status: z.enum(["queued", "sending", "done"]),
  total: z.number().int(),
  counts: Counts,
  createdAt: z.string(),
});
export type MailingSummary = z.infer<typeof MailingSummary>;

export const listAudiences = defineContract({
  method: "GET",
  path: "/api/v1/mailings/audiences",
  summary: "Courses (with their groups) and organisation nodes I may write to",
  tags: ["mailing"],
  response: z.object({
    courses: z.array(z.object({ id: z.uuid(), title: z.string(), groups: z.array(z.object({ id: z.uuid(), name: z.string() })) })),
    orgs: z.array(z.object({ id: z.uuid(), name: z.string() })),
  }),
});

export const previewAudience = defineContract({
  method: "POST",
  path: "/api/v1/mailings/preview",
  summary: "How many people an audience reaches",
  tags: ["mailing"],
  body: z.object({ audience: Audience }),
  response: z.object({ count: z.number().int() }),
});

export const createMailing = defineContract({
  method: "POST",
  path: "/api/v1/mailings",
  summary: "Write to an audience; mails are sent in the background",
  tags: ["mailing"],
  body: z.object({ audience: Audience, subject: z.string().trim().min(1).max(300), body: z.string().trim().min(1).max(20000) }),
  response: z.object({ id: z.uuid(), total: z.number().int() }),
});

export const listMailings = defineContract({
  method: "GET",
  path: "/api/v1/mailings",
  summary: "Mailings I wrote, newest first, with their delivery counts",
  tags: ["mailing"],
  response: z.object({ items: z.array(MailingSummary) }),
});

export const getMailing = defineContract({
  method: "GET",
  path: "/api/v1/mailings/:id",
  summary: "Delivery report of a mailing I wrote: counts and the people not reached, with why",
  tags: ["mailing"],
  params: z.object({ id: z.uuid() }),
  response: MailingSummary.extend({
    body: z.string(),
    problems: z.array(
      z.object({ userId: z.uuid(), name: z.string(), email: z.string().nullable(), status: z.enum(RECIPIENT_STATUSES), error: z.string().nullable() }),
    ),
  }),
});

export const markBounced = defineContract({
  method: "POST",
  path: "/api/v1/mail-bounces",
  summary: "Record an address that bounced (platform admins, or a bounce processor acting for them): it is no longer mailed",
  tags: ["mailing"],
  body: z.object({ address: z.email().max(320), reason: z.string().max(500).default("") }),
  response: z.object({ address: z.string() }),
});

export const clearBounce = defineContract({
  method: "DELETE",
  path: "/api/v1/mail-bounces/:address",
  summary: "Mail an address again (platform admins)",
  tags: ["mailing"],
  params: z.object({ address: z.string().max(320) }),
  response: z.object({ address: z.string() }),
});
