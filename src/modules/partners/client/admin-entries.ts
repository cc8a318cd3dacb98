import type { AdminEntry } from "../../../web/admin-area.ts";

/** Administration hub: the partner organisations this platform hosts. */
export const partnerAdminEntries: AdminEntry[] = [
  {
    id: "partners",
    section: "network",
    to: "/admin/partners",
    title: "ui.adminHub.entries.partners.title",
    description: "ui.adminHub.entries.partners.description",
    allowed: ({ me }) => me.isAdmin,
  },
];
