import type { AdminEntry } from "../../../web/admin-area.ts";

/** Administration hub: agreements with other platforms of the network. */
export const federationAdminEntries: AdminEntry[] = [
  {
    id: "federation",
    section: "network",
    to: "/admin/federation",
    title: "ui.adminHub.entries.federation.title",
    description: "ui.adminHub.entries.federation.description",
    allowed: ({ isRootAdmin }) => isRootAdmin,
  },
];
