import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261122-04-imports.ts";

export const directoryModule: Module = {
  name: "directory",
  migrations: { "20261122-04-imports": m1 },
  register() {},
};
