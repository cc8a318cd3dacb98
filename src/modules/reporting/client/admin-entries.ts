import type { AdminEntry } from "../../../web/admin-area.ts";

/** Administration hub: funder reports, for admins (teachers find them among their own pages, shell.tsx). */
export const reportingAdminEntries: AdminEntry[] = [
  {
    id: "funders",
    section: "content",
    to: "/funder-reports",
    title: "ui.adminHub.entries.funders.title",
    description: "ui.adminHub.entries.funders.description",
    allowed: ({ me }) => me.isAdmin,
  },
];
