import type { AdminEntry } from "../../../web/admin-area.ts";

/** Administration hub: people, their accounts and roles. */
export const accountAdminEntries: AdminEntry[] = [
  {
    id: "people",
    section: "people",
    to: "/admin/people",
    title: "ui.adminHub.entries.people.title",
    description: "ui.adminHub.entries.people.description",
    allowed: ({ me }) => me.isAdmin,
  },
];
