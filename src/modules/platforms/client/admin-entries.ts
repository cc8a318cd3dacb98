import type { AdminEntry } from "../../../web/admin-area.ts";

/** Administration hub: the deployment's platforms and its mail (operators only). */
export const platformAdminEntries: AdminEntry[] = [
  {
    id: "platforms",
    section: "platform",
    to: "/operator/platforms",
    title: "ui.adminHub.entries.platforms.title",
    description: "ui.adminHub.entries.platforms.description",
    allowed: ({ me }) => me.isOperator,
  },
  {
    id: "outbox",
    section: "platform",
    to: "/operator/outbox",
    title: "ui.adminHub.entries.outbox.title",
    description: "ui.adminHub.entries.outbox.description",
    allowed: ({ me }) => me.isOperator,
  },
];
