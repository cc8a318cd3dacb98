import { sql } from "kysely";
import { dumpPglite } from "../kernel/db/database.ts";
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { createKernel } from "./kernel.ts";
import { allModules } from "./modules.ts";
import { openDatabase } from "./open-database.ts";

const DUMP_EVERY_MS = 6 * 3600_000;
const ANALYZE_EVERY_MS = 3600_000;

async function main() {
  const config = loadConfig();
  const { modules, platforms } = allModules();
  const database = await openDatabase(config, modules);
  const kernel = createKernel(config, database, (m, e) => console.error(m, e));
  const app = await buildApp(kernel, modules);
  const dump = database.pglite ? setInterval(() => void dumpPglite(database.pglite!, config.dataDir).catch((e) => app.log.error(e)), DUMP_EVERY_MS) : undefined;
  // PGlite has no autovacuum: without fresh statistics the planner keeps plans made for empty tables
  const analyze = async () => {
    await sql`analyze`.execute(database.db).catch((e) => app.log.error(e));
  };
  const stats = database.pglite ? setInterval(() => void analyze(), ANALYZE_EVERY_MS) : undefined;
  if (database.pglite) setTimeout(() => void analyze(), 60_000).unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: closing`);
    clearInterval(dump);
    clearInterval(stats);
    await app.close();
    await kernel.events.flush();
    await kernel.bus.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  await app.listen({ port: config.PORT, host: config.HOST });
  const code = await platforms.setupCode();
  const url = `http://localhost:${config.PORT}`;
  console.log(`\nArchipel is ready on ${url} (${database.kind === "pglite" ? `embedded database in ${config.dataDir}` : "PostgreSQL"}).`);
  if (code) console.log(`First run: open ${url} and enter the setup code ${code}\n`);
}

main().catch((e) => {
  if (e instanceof ConfigError || e?.name === "DataDirLockedError" || e instanceof Error && e.constructor.name === "DataDirLockedError") {
    console.error(e.message);
  } else console.error(e);
  process.exit(1);
});
