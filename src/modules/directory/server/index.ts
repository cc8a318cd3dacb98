import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261122-04-imports.ts";
import * as m2 from "./migrations/20261122-06-import-progress.ts";
import { directoryRoutes } from "./routes.ts";
import { ImportRunner } from "./runner.ts";

export { fold, foldName } from "./columns.ts";
export { csvCell, parseCsv } from "./csv.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** the background runner of CSV imports (tests wait on `imports.idle()`) */
    imports: ImportRunner;
  }
}

export const directoryModule: Module = {
  name: "directory",
  migrations: { "20261122-04-imports": m1, "20261122-06-import-progress": m2 },
  register(app, k) {
    const runner = new ImportRunner(k, app.log);
    app.decorate("imports", runner);
    // a stopping server interrupts running imports between two batches and undoes them
    app.addHook("onClose", () => runner.close());
    directoryRoutes(app, k, runner);
  },
};
