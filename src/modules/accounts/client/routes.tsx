import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { PROFILES } from "../shared/contract.ts";
import { HomePage } from "./home.tsx";
import { ForgotPasswordPage, ResetPasswordPage, SignInPage } from "./sign-in.tsx";

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

type Profile = (typeof PROFILES)[number];
export type PeopleSearch = { q?: string; orgId?: string; profile?: Profile; status?: "active" | "disabled"; page?: number };

export function validatePeopleSearch(s: Record<string, unknown>): PeopleSearch {
  return {
    q: str(s.q),
    orgId: str(s.orgId),
    profile: PROFILES.includes(s.profile as Profile) ? (s.profile as Profile) : undefined,
    status: s.status === "active" || s.status === "disabled" ? s.status : undefined,
    page: Number(s.page) > 1 ? Number(s.page) : undefined,
  };
}

export const publicAccountRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/sign-in", component: SignInPage, validateSearch: (s: Record<string, unknown>) => ({ next: str(s.next), reset: str(s.reset) }) }),
  createRoute({ getParentRoute: () => parent, path: "/forgot-password", component: ForgotPasswordPage }),
  createRoute({ getParentRoute: () => parent, path: "/reset-password", component: ResetPasswordPage, validateSearch: (s: Record<string, unknown>) => ({ token: str(s.token) }) }),
];

// pages behind sign-in other than home are loaded when first opened
export const accountRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/", component: HomePage }),
  createRoute({ getParentRoute: () => parent, path: "/account", component: lazyRouteComponent(() => import("./account.tsx"), "AccountPage") }),
  createRoute({ getParentRoute: () => parent, path: "/admin/people", component: lazyRouteComponent(() => import("./people.tsx"), "PeoplePage"), validateSearch: validatePeopleSearch }),
  createRoute({ getParentRoute: () => parent, path: "/admin/people/$id", component: lazyRouteComponent(() => import("./person.tsx"), "PersonPage") }),
];
