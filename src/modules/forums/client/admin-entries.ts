import type { AdminEntry } from "../../../web/admin-area.ts";

/** Administration hub: platform moderation (admins of the root node: every forum's queue, restrictions and the log). */
export const forumAdminEntries: AdminEntry[] = [
  {
    id: "moderation",
    section: "content",
    to: "/moderation",
    title: "ui.adminHub.entries.moderation.title",
    description: "ui.adminHub.entries.moderation.description",
    allowed: ({ isRootAdmin }) => isRootAdmin,
  },
];
