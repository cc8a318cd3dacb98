import type { AdminEntry } from "../../../web/admin-area.ts";

/** Administration hub: funder reports (node admins, and teachers who may manage courses). */
export const reportingAdminEntries: AdminEntry[] = [
  {
    id: "funders",
    section: "content",
    to: "/funder-reports",
    title: "ui.adminHub.entries.funders.title",
    description: "ui.adminHub.entries.funders.description",
    allowed: ({ me }) => me.isAdmin || me.grants.some((g) => g.role === "teacher"),
  },
];
