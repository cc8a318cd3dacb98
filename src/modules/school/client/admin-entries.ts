import type { AdminEntry } from "../../../web/admin-area.ts";

/** Administration hub: the school's subjects (the platform's, so root admins) and its imports (classes, teachings, parents). */
export const schoolAdminEntries: AdminEntry[] = [
  {
    id: "subjects",
    section: "school",
    to: "/school/subjects",
    title: "ui.adminHub.entries.subjects.title",
    description: "ui.adminHub.entries.subjects.description",
    allowed: ({ isRootAdmin }) => isRootAdmin,
  },
  {
    id: "schoolImport",
    section: "school",
    to: "/school/import",
    title: "ui.adminHub.entries.schoolImport.title",
    description: "ui.adminHub.entries.schoolImport.description",
    allowed: ({ me }) => me.isAdmin,
  },
];
