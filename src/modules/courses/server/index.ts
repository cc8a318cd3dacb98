import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261122-10-courses.ts";

/** Courses: sections and items, course roles, catalogue, copies and templates. */
export const coursesModule: Module = {
  name: "courses",
  migrations: { "20261122-10-courses": m1 },
  register() {},
};
