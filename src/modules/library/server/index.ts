import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261125-80-library.ts";
import * as m2 from "./migrations/20261126-30-library-blobs.ts";
import { libraryRoutes } from "./routes.ts";

export { importEntry } from "./use-cases/import-entry.ts";
export { publishVersion } from "./use-cases/publish-version.ts";

/**
 * The network's shared library: deployment-wide entries and immutable versions published by
 * platforms; each platform's imports (copies and linked copies) stay its own.
 */
export const libraryModule: Module = {
  name: "library",
  migrations: { "20261125-80-library": m1, "20261126-30-library-blobs": m2 },
  register: (app, k) => libraryRoutes(app, k),
};
