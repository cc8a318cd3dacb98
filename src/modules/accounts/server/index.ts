import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261122-03-accounts.ts";
import { lastSignIns } from "./last-sign-in.ts";
import { accountRoutes } from "./routes.ts";
import { sessionHooks } from "./session.ts";

export { endSession, endSessionHeader, ensureCsrf, resolveSession } from "./session.ts";
export { type EndedSessions, onSessionsEnded } from "./sessions-ended.ts";
export { isSecure, sessionCookie, setCookie } from "./cookies.ts";
export { startSession } from "./use-cases/sign-in.ts";
export { insertPerson, type PersonInput } from "./people.ts";
export { findUserByLogin, insertRole, insertUser, loadActorFacts, sessionStartedAt } from "./repo.ts";

export const accountsModule: Module = {
  name: "accounts",
  migrations: { "20261122-03-accounts": m1 },
  register(app, k) {
    sessionHooks(app, k);
    accountRoutes(app, k);
    app.addHook("onClose", () => lastSignIns(k).flush());
  },
};
