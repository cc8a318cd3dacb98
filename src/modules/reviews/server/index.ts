import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261123-75-reviews.ts";
import { reviewRoutes } from "./routes.ts";

export { refreshRating } from "./stats.ts";

/** Course ratings and reviews by learners, moderated, with the teaching team's reply. */
export const reviewsModule: Module = {
  name: "reviews",
  migrations: { "20261123-75-reviews": m1 },
  register: (app, k) => reviewRoutes(app, k),
};
