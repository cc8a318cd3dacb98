import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

/**
 * Groups of a course and groupings (named sets of groups, e.g. "Project teams"). Teachers make
 * groups by hand, automatically or from a CSV; a grouping may let learners choose their group
 * themselves, within a window and a member limit. Learners see only their own groups' members.
 */
const when = z.iso.datetime({ offset: true });
const name = z.string().trim().min(1).max(200);
const courseParams = z.object({ courseId: z.uuid() });
const groupParams = z.object({ courseId: z.uuid(), groupId: z.uuid() });
const groupingParams = z.object({ courseId: z.uuid(), groupingId: z.uuid() });
const ok = z.object({ ok: z.literal(true) });

export const Person = z.object({ id: z.uuid(), name: z.string() });
export type Person = z.infer<typeof Person>;

export const Group = z.object({
  id: z.uuid(),
  name: z.string(),
  groupingId: z.uuid().nullable(),
  size: z.number().int(),
  /** everyone for teachers; for a learner, only in their own groups (else empty) */
  members: z.array(Person),
  mine: z.boolean(),
});
export type Group = z.infer<typeof Group>;

export const Grouping = z.object({
  id: z.uuid(),
  name: z.string(),
  selfSelect: z.boolean(),
  maxMembers: z.number().int().nullable(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  /** self-selection is possible now (enabled and within its window) */
  open: z.boolean(),
});
export type Grouping = z.infer<typeof Grouping>;

export const GroupsPage = z.object({
  course: z.object({ id: z.uuid(), title: z.string() }),
  canManage: z.boolean(),
  isLearner: z.boolean(),
  groupings: z.array(Grouping),
  groups: z.array(Group),
  /** for teachers: learners of the course, to add to groups */
  learners: z.array(Person),
});
export type GroupsPage = z.infer<typeof GroupsPage>;

export const GroupingInput = z.object({
  name,
  selfSelect: z.boolean().default(false),
  maxMembers: z.number().int().min(1).max(10_000).nullish(),
  opensAt: when.nullish(),
  closesAt: when.nullish(),
});
export type GroupingInput = z.infer<typeof GroupingInput>;

export const listGroups = defineContract({
  method: "GET",
  path: "/api/v1/courses/:courseId/groups",
  summary: "Groups and groupings of a course (teachers see every member; learners their own groups)",
  tags: ["groups"],
  params: courseParams,
  response: GroupsPage,
});

export const createGroup = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/groups",
  summary: "Create a group, optionally in a grouping and with members",
  tags: ["groups"],
  params: courseParams,
  body: z.object({ name, groupingId: z.uuid().nullish(), userIds: z.array(z.uuid()).max(1000).default([]) }),
  response: Group,
});

export const updateGroup = defineContract({
  method: "PATCH",
  path: "/api/v1/courses/:courseId/groups/:groupId",
  summary: "Rename a group or move it to another grouping",
  tags: ["groups"],
  params: groupParams,
  body: z.object({ name: name.optional(), groupingId: z.uuid().nullish() }),
  response: Group,
});

export const deleteGroup = defineContract({
  method: "DELETE",
  path: "/api/v1/courses/:courseId/groups/:groupId",
  summary: "Delete a group (its members stay in the course)",
  tags: ["groups"],
  params: groupParams,
  response: ok,
});

export const addGroupMembers = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/groups/:groupId/members",
  summary: "Add learners of the course to a group",
  tags: ["groups"],
  params: groupParams,
  body: z.object({ userIds: z.array(z.uuid()).min(1).max(1000) }),
  response: Group,
});

export const removeGroupMember = defineContract({
  method: "DELETE",
  path: "/api/v1/courses/:courseId/groups/:groupId/members/:userId",
  summary: "Remove someone from a group",
  tags: ["groups"],
  params: z.object({ courseId: z.uuid(), groupId: z.uuid(), userId: z.uuid() }),
  response: ok,
});

export const createGrouping = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/groupings",
  summary: "Create a grouping (self-selection settings included)",
  tags: ["groups"],
  params: courseParams,
  body: GroupingInput,
  response: Grouping,
});

export const updateGrouping = defineContract({
  method: "PATCH",
  path: "/api/v1/courses/:courseId/groupings/:groupingId",
  summary: "Change a grouping's name or self-selection settings",
  tags: ["groups"],
  params: groupingParams,
  // no defaults here: what is not sent stays as it is
  body: z.object({
    name: name.optional(),
    selfSelect: z.boolean().optional(),
    maxMembers: z.number().int().min(1).max(10_000).nullish(),
    opensAt: when.nullish(),
    closesAt: when.nullish(),
  }),
  response: Grouping,
});

export const deleteGrouping = defineContract({
  method: "DELETE",
  path: "/api/v1/courses/:courseId/groupings/:groupingId",
  summary: "Delete a grouping; its groups stay, outside any grouping",
  tags: ["groups"],
  params: groupingParams,
  response: ok,
});

export const AUTO_MODES = ["count", "size"] as const;
export const AUTO_ORDERS = ["random", "name"] as const;

export const autoCreateGroups = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/groups/auto",
  summary: "Share the course's learners into N groups, or into groups of N, at random or by name",
  tags: ["groups"],
  params: courseParams,
  body: z.object({
    mode: z.enum(AUTO_MODES),
    n: z.number().int().min(1).max(1000),
    order: z.enum(AUTO_ORDERS).default("random"),
    /** names are this prefix and a number: "Équipe 1", "Équipe 2"… */
    prefix: name,
    /** the groups go in a new grouping of this name (or none) */
    groupingName: name.nullish(),
    /** leave out learners already in a group of the course */
    onlyUngrouped: z.boolean().default(false),
  }),
  response: z.object({ groups: z.array(Group), groupingId: z.uuid().nullable() }),
});

export const CsvRow = z.object({
  line: z.number().int(),
  group: z.string(),
  login: z.string(),
  outcome: z.enum(["add", "already", "error"]),
  error: z.string().nullable(),
  name: z.string().nullable(),
});

export const importGroups = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/groups/csv",
  summary: "Create groups and add members from a CSV (columns group and username or email, optional grouping); dryRun reports without changing anything",
  tags: ["groups"],
  params: courseParams,
  body: z.object({ csv: z.string().min(1).max(1_500_000), dryRun: z.boolean().default(true) }),
  response: z.object({
    dryRun: z.boolean(),
    rows: z.array(CsvRow),
    counts: z.object({ add: z.number().int(), already: z.number().int(), error: z.number().int(), newGroups: z.number().int() }),
    applied: z.boolean(),
  }),
});

export const joinGroup = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/groups/:groupId/join",
  summary: "Choose this group (self-selection): leaves any other group of the same grouping",
  tags: ["groups"],
  params: groupParams,
  response: Group,
});

export const leaveGroup = defineContract({
  method: "POST",
  path: "/api/v1/courses/:courseId/groups/:groupId/leave",
  summary: "Leave a group chosen by self-selection while the choice is open",
  tags: ["groups"],
  params: groupParams,
  response: ok,
});
