import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

/** Ratings (1–5 stars) and reviews of a course by its learners, with a teacher's reply. */
export const REVIEWS_PAGE = 20;

export const Review = z.object({
  id: z.uuid(),
  author: z.object({ id: z.uuid(), name: z.string() }),
  stars: z.number().int().min(1).max(5),
  body: z.string(),
  status: z.enum(["visible", "hidden"]),
  flags: z.number().int(),
  reply: z.object({ text: z.string(), by: z.string(), at: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  mine: z.boolean(),
});
export type Review = z.infer<typeof Review>;

const courseParams = z.object({ courseId: z.uuid() });
const reviewParams = z.object({ courseId: z.uuid(), reviewId: z.uuid() });

export const listReviews = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/reviews",
  summary: "A course's rating and a page of its reviews, newest first",
  tags: ["reviews"],
  params: courseParams,
  query: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }),
  response: z.object({
    average: z.number().nullable(),
    count: z.number().int(),
    canReview: z.boolean(),
    canReply: z.boolean(),
    canModerate: z.boolean(),
    mine: Review.nullable(),
    items: z.array(Review),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
});

export const saveMyReview = defineContract({
  method: "PUT",
  path: "/api/v1/courses/:courseId/reviews/mine",
  summary: "Rate and review a course one is enrolled in as a learner (again to change it)",
  tags: ["reviews"],
  params: courseParams,
  body: z.object({ stars: z.number().int().min(1).max(5), body: z.string().trim().max(5000).default("") }),
  response: z.object({ id: z.uuid(), average: z.number().nullable(), count: z.number().int() }),
});

export const replyToReview = defineContract({
  method: "PUT",
  path: "/api/v1/courses/:courseId/reviews/:reviewId/reply",
  summary: "The teaching team's public reply to a review (empty text removes it)",
  tags: ["reviews"],
  params: reviewParams,
  body: z.object({ text: z.string().trim().max(3000) }),
  response: z.object({ ok: z.literal(true) }),
});

export const flagReview = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/reviews/:reviewId/flags",
  summary: "Report a review to the moderators",
  tags: ["reviews"],
  params: reviewParams,
  body: z.object({ reason: z.enum(["spam", "inappropriate", "off_topic", "other"]) }),
  response: z.object({ ok: z.literal(true) }),
});

export const moderateReview = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/reviews/:reviewId/moderation",
  summary: "Hide or show a review, with the reason (admins of the course's organisation)",
  tags: ["reviews"],
  params: reviewParams,
  body: z.object({ action: z.enum(["hide", "show"]), reason: z.string().trim().max(500).default("") }),
  response: z.object({ average: z.number().nullable(), count: z.number().int() }),
});
