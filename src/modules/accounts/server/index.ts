import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261122-03-accounts.ts";
import { accountRoutes } from "./routes.ts";
import { sessionHooks } from "./session.ts";

export { ensureCsrf } from "./session.ts";
export { insertPerson, type PersonInput } from "./people.ts";
export { findUserByLogin, insertRole, insertUser } from "./repo.ts";

export const accountsModule: Module = {
  name: "accounts",
  migrations: { "20261122-03-accounts": m1 },
  register(app, k) {
    sessionHooks(app, k);
    accountRoutes(app, k);
  },
};
