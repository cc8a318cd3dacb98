import { type AnyRoute, createRoute } from "@tanstack/react-router";
import { AccountPage } from "./account.tsx";
import { HomePage } from "./home.tsx";
import { PeoplePage, validatePeopleSearch } from "./people.tsx";
import { PersonPage } from "./person.tsx";
import { ForgotPasswordPage, ResetPasswordPage, SignInPage } from "./sign-in.tsx";

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

export const publicAccountRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/sign-in", component: SignInPage, validateSearch: (s: Record<string, unknown>) => ({ next: str(s.next), reset: str(s.reset) }) }),
  createRoute({ getParentRoute: () => parent, path: "/forgot-password", component: ForgotPasswordPage }),
  createRoute({ getParentRoute: () => parent, path: "/reset-password", component: ResetPasswordPage, validateSearch: (s: Record<string, unknown>) => ({ token: str(s.token) }) }),
];

export const accountRoutes = (parent: AnyRoute) => [
  createRoute({ getParentRoute: () => parent, path: "/", component: HomePage }),
  createRoute({ getParentRoute: () => parent, path: "/account", component: AccountPage }),
  createRoute({ getParentRoute: () => parent, path: "/admin/people", component: PeoplePage, validateSearch: validatePeopleSearch }),
  createRoute({ getParentRoute: () => parent, path: "/admin/people/$id", component: PersonPage }),
];
