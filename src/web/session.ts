import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { getMe, type Me } from "../modules/accounts/shared/contract.ts";
import type { Branding } from "../modules/orgs/shared/contract.ts";
import { getPlatformInfo } from "../modules/platforms/shared/contract.ts";
import { ApiError, api, BASE, setCsrfToken } from "./api.ts";
import { session } from "./i18n.tsx";

/** The platform at this address (branding, setup state, CSRF token for anonymous requests). */
export const platformQuery = queryOptions({
  queryKey: ["platform"],
  queryFn: async () => {
    const p = await api(getPlatformInfo);
    if (!session.signedIn) setCsrfToken(p.csrfToken);
    return p;
  },
  staleTime: 5 * 60_000,
});

/** The signed-in person, or null. */
export const meQuery = queryOptions({
  queryKey: ["me"],
  queryFn: async (): Promise<Me | null> => {
    try {
      return rememberMe(await api(getMe));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        session.signedIn = false;
        return null;
      }
      throw e;
    }
  },
  staleTime: 60_000,
});

export function rememberMe(me: Me) {
  session.signedIn = true;
  setCsrfToken(me.csrfToken);
  return me;
}

export const usePlatform = () => useQuery(platformQuery).data;
export const useMe = () => useQuery(meQuery).data ?? null;

// ---- the organisation chosen in the switcher (its branding colours the shell) ----
const ORG_KEY = `archipel-org:${BASE || "/"}`;
export const chosenOrgId = () => localStorage.getItem(ORG_KEY);
export const chooseOrg = (id: string) => localStorage.setItem(ORG_KEY, id);

/** Organisations of the switcher: one per node where the person has a role. */
export function switcherOrgs(me: Me | null) {
  const seen = new Map<string, { id: string; name: string; branding: Branding }>();
  for (const g of me?.grants ?? []) if (!seen.has(g.orgId)) seen.set(g.orgId, { id: g.orgId, name: g.orgName, branding: g.branding });
  return [...seen.values()];
}

/** The branding in force: the chosen node's when signed in, else the platform's. */
export function currentBranding(me: Me | null, platformBranding: Branding | undefined, orgId: string | null) {
  const orgs = switcherOrgs(me);
  const org = orgs.find((o) => o.id === orgId) ?? orgs[0];
  return { org: org ?? null, branding: org?.branding ?? platformBranding ?? null };
}

export const useInvalidateMe = () => {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ["me"] });
};
