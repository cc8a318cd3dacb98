import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261123-20-groups.ts";
import { groupRoutes } from "./routes.ts";

export { courseGroups, findGroup, findGrouping, type GroupRef, groupsOf, memberIdsOf, membersOf } from "./api.ts";
export { loadGroupsDemo } from "./demo.ts";

/** Groups and groupings of a course: by hand, automatic, CSV, self-selection. Other modules use api.ts. */
export const groupsModule: Module = {
  name: "groups",
  migrations: { "20261123-20-groups": m1 },
  register(app, k) {
    groupRoutes(app, k);
  },
};
