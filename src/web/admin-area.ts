import type { Me } from "../modules/accounts/shared/contract.ts";

/**
 * The administration hub's data: each module says, from its client code, which of its pages are
 * administration and who may open them (`<module>/client/admin-entries.ts`); `admin-entries.ts`
 * gathers them. The hub and the "Administration" navigation item only hide what a person may not
 * use: every page still authorises on the server.
 */

/** The hub's titled sections, in the order shown. */
export const ADMIN_SECTIONS = ["people", "content", "school", "network", "services", "platform"] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/** What an entry's condition may look at: the person, and whether they administer the platform's root node. */
export type AdminAccess = { me: Me; rootOrgId: string | null; isRootAdmin: boolean };

export type AdminEntry = {
  /** unique among entries (React key, tests) */
  id: string;
  section: AdminSection;
  /** the area's page */
  to: string;
  /** message ids of the card's title and one-line description */
  title: string;
  description: string;
  /** the same condition the navigation used for this page; the server decides anyway */
  allowed: (a: AdminAccess) => boolean;
  /** other paths of this area (the "Administration" item is current on them too); pages below `to` already are */
  also?: string[];
};

export const HUB_PATH = "/admin";

export function adminAccess(me: Me, rootOrgId: string | null | undefined): AdminAccess {
  const root = rootOrgId ?? null;
  return { me, rootOrgId: root, isRootAdmin: root !== null && me.grants.some((g) => g.role === "admin" && g.orgId === root) };
}

const under = (path: string, base: string) => path === base || path.startsWith(base.endsWith("/") ? base : `${base}/`);

/** Whether a path belongs to the administration (the hub, or any entry's pages), whoever looks. */
export function isAdminPath(path: string, entries: readonly AdminEntry[]): boolean {
  return under(path, HUB_PATH) || entries.some((e) => under(path, e.to) || (e.also ?? []).some((p) => under(path, p)));
}
