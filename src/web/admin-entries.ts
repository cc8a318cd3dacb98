import { accountAdminEntries } from "../modules/accounts/client/admin-entries.ts";
import { attendanceAdminEntries } from "../modules/attendance/client/admin-entries.ts";
import { directoryAdminEntries } from "../modules/directory/client/admin-entries.ts";
import { federationAdminEntries } from "../modules/federation/client/admin-entries.ts";
import { forumAdminEntries } from "../modules/forums/client/admin-entries.ts";
import { orgAdminEntries } from "../modules/orgs/client/admin-entries.ts";
import { partnerAdminEntries } from "../modules/partners/client/admin-entries.ts";
import { platformAdminEntries } from "../modules/platforms/client/admin-entries.ts";
import { portalAdminEntries } from "../modules/portal/client/admin-entries.ts";
import { reportingAdminEntries } from "../modules/reporting/client/admin-entries.ts";
import { schoolAdminEntries } from "../modules/school/client/admin-entries.ts";
import { ssoAdminEntries } from "../modules/sso/client/admin-entries.ts";
import type { AdminEntry } from "./admin-area.ts";

/** Every module's administration pages, as the hub lists them (order within a section = order here). */
export const ADMIN_ENTRIES: readonly AdminEntry[] = [
  ...orgAdminEntries,
  ...accountAdminEntries,
  ...directoryAdminEntries,
  ...reportingAdminEntries,
  ...forumAdminEntries,
  ...schoolAdminEntries,
  ...attendanceAdminEntries,
  ...partnerAdminEntries,
  ...federationAdminEntries,
  ...ssoAdminEntries,
  ...platformAdminEntries,
  ...portalAdminEntries,
];
