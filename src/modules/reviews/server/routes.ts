import type { FastifyInstance } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { flagReview } from "./use-cases/flag-review.ts";
import { listReviews } from "./use-cases/list-reviews.ts";
import { moderateReview } from "./use-cases/moderate-review.ts";
import { replyToReview } from "./use-cases/reply-to-review.ts";
import { saveMyReview } from "./use-cases/save-my-review.ts";

export function reviewRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.listReviews, ({ actor, params, query }) => listReviews(k, actor, params.courseId, query.page));
  route(app, c.saveMyReview, ({ actor, params, body }) => saveMyReview(k, actor, params.courseId, body));
  route(app, c.replyToReview, ({ actor, params, body }) => replyToReview(k, actor, params.courseId, params.reviewId, body.text));
  route(app, c.flagReview, ({ actor, params, body }) => flagReview(k, actor, params.courseId, params.reviewId, body.reason));
  route(app, c.moderateReview, ({ actor, params, body }) => moderateReview(k, actor, params.courseId, params.reviewId, body));
}
