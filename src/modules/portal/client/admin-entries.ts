import type { AdminEntry } from "../../../web/admin-area.ts";

/** Administration hub: the portal's services (and each one's outgoing sign-on), and the network's service catalogue (operators). */
export const portalAdminEntries: AdminEntry[] = [
  {
    id: "services",
    section: "services",
    to: "/admin/services",
    title: "ui.adminHub.entries.services.title",
    description: "ui.adminHub.entries.services.description",
    allowed: ({ me }) => me.isAdmin,
  },
  {
    id: "catalog",
    section: "platform",
    to: "/operator/catalog",
    title: "ui.adminHub.entries.catalog.title",
    description: "ui.adminHub.entries.catalog.description",
    allowed: ({ me }) => me.isOperator,
  },
];
