import type { AdminEntry } from "../../../web/admin-area.ts";

/** Administration hub: importing a timetable. */
export const attendanceAdminEntries: AdminEntry[] = [
  {
    id: "timetableImport",
    section: "school",
    to: "/attendance/import",
    title: "ui.adminHub.entries.timetableImport.title",
    description: "ui.adminHub.entries.timetableImport.description",
    allowed: ({ me }) => me.isAdmin,
  },
];
