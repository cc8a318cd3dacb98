import type { FastifyInstance } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { addGroupMembers } from "./use-cases/add-group-members.ts";
import { autoCreateGroups } from "./use-cases/auto-create-groups.ts";
import { createGroup } from "./use-cases/create-group.ts";
import { createGrouping } from "./use-cases/create-grouping.ts";
import { deleteGroup } from "./use-cases/delete-group.ts";
import { deleteGrouping } from "./use-cases/delete-grouping.ts";
import { importGroups } from "./use-cases/import-groups.ts";
import { joinGroup } from "./use-cases/join-group.ts";
import { leaveGroup } from "./use-cases/leave-group.ts";
import { listGroups } from "./use-cases/list-groups.ts";
import { removeGroupMember } from "./use-cases/remove-group-member.ts";
import { updateGroup } from "./use-cases/update-group.ts";
import { updateGrouping } from "./use-cases/update-grouping.ts";

const ok = { ok: true as const };

export function groupRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.listGroups, ({ actor, params }) => listGroups(k, actor, params.courseId));
  route(app, c.createGroup, ({ actor, params, body }) => createGroup(k, actor, params.courseId, body));
  route(app, c.updateGroup, ({ actor, params, body }) => updateGroup(k, actor, params.courseId, params.groupId, body));
  route(app, c.deleteGroup, async ({ actor, params }) => {
    await deleteGroup(k, actor, params.courseId, params.groupId);
    return ok;
  });
  route(app, c.addGroupMembers, ({ actor, params, body }) => addGroupMembers(k, actor, params.courseId, params.groupId, body.userIds));
  route(app, c.removeGroupMember, async ({ actor, params }) => {
    await removeGroupMember(k, actor, params.courseId, params.groupId, params.userId);
    return ok;
  });
  route(app, c.createGrouping, ({ actor, params, body }) => createGrouping(k, actor, params.courseId, body));
  route(app, c.updateGrouping, ({ actor, params, body }) => updateGrouping(k, actor, params.courseId, params.groupingId, body));
  route(app, c.deleteGrouping, async ({ actor, params }) => {
    await deleteGrouping(k, actor, params.courseId, params.groupingId);
    return ok;
  });
  route(app, c.autoCreateGroups, ({ actor, params, body }) => autoCreateGroups(k, actor, params.courseId, body));
  route(app, c.importGroups, ({ actor, params, body, locale }) => importGroups(k, actor, params.courseId, body, locale), {
    rateLimit: { max: 30, timeWindow: "1 minute" },
  });
  route(app, c.joinGroup, ({ actor, params }) => joinGroup(k, actor, params.courseId, params.groupId));
  route(app, c.leaveGroup, async ({ actor, params }) => {
    await leaveGroup(k, actor, params.courseId, params.groupId);
    return ok;
  });
}
