import type { AdminEntry } from "../../../web/admin-area.ts";

/** Administration hub: the organisation tree. */
export const orgAdminEntries: AdminEntry[] = [
  {
    id: "orgs",
    section: "people",
    to: "/admin/orgs",
    title: "ui.adminHub.entries.orgs.title",
    description: "ui.adminHub.entries.orgs.description",
    allowed: ({ me }) => me.isAdmin,
  },
];
