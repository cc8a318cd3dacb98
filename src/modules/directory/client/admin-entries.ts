import type { AdminEntry } from "../../../web/admin-area.ts";

/** Administration hub: importing people from a file. */
export const directoryAdminEntries: AdminEntry[] = [
  {
    id: "import",
    section: "people",
    to: "/admin/import",
    title: "ui.adminHub.entries.import.title",
    description: "ui.adminHub.entries.import.description",
    allowed: ({ me }) => me.isAdmin,
  },
];
