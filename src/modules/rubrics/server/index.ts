import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261123-21-rubrics.ts";

export { deleteRubric, getRubric, getRubrics, parseRubric, requireCompleteFill, type StoredRubric, saveRubric } from "./api.ts";

/** Rubrics and marking guides: storage here, pure scoring in shared/rubric.ts, the grader in client/rubric-grader.tsx. */
export const rubricsModule: Module = {
  name: "rubrics",
  migrations: { "20261123-21-rubrics": m1 },
  register() {},
};
