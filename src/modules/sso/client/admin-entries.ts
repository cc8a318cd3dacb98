import type { AdminEntry } from "../../../web/admin-area.ts";

/** Administration hub: identity providers people sign in with. */
export const ssoAdminEntries: AdminEntry[] = [
  {
    id: "sso",
    section: "services",
    to: "/admin/sso",
    title: "ui.adminHub.entries.sso.title",
    description: "ui.adminHub.entries.sso.description",
    allowed: ({ isRootAdmin }) => isRootAdmin,
  },
];
