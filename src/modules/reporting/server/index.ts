import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261125-81-funding.ts";
import * as m2 from "./migrations/20261126-40-programme-funding.ts";
import { reportingRoutes } from "./routes.ts";

/** Funder reporting: time online, attendance, completion and results per learner, as a table, CSV and PDF attestations. */
export const reportingModule: Module = {
  name: "reporting",
  migrations: { "20261125-81-funding": m1, "20261126-40-programme-funding": m2 },
  register: (app, k) => reportingRoutes(app, k),
};
