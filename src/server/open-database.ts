import type { Kysely } from "kysely";
import { createDatabase, type Database } from "../kernel/db/database.ts";
import { migrate } from "../kernel/db/migrator.ts";
import { lockDataDir, openPglite } from "../kernel/db/pglite.ts";
import { createJobQueues } from "../kernel/jobs.ts";
import type { Module } from "../kernel/module.ts";
import type { Config } from "./config.ts";
import { allMigrations } from "./modules.ts";

/** PostgreSQL when DATABASE_URL is set, else the embedded database under DATA_DIR (locked to this process). Migrates. */
export async function openDatabase(config: Config, modules: Module[]): Promise<Database & { unlock: () => void }> {
  let unlock = () => {};
  let database: Database;
  if (config.DATABASE_URL) {
    database = await createDatabase({ url: config.DATABASE_URL });
  } else {
    unlock = lockDataDir(config.dataDir);
    try {
      database = await createDatabase({ pglite: await openPglite(config.dataDir) });
    } catch (e) {
      unlock();
      throw e;
    }
  }
  await migrate(database.db as unknown as Kysely<unknown>, allMigrations(modules));
  await createJobQueues(database.db);
  await database.refreshTenantTables();
  const close = database.close;
  return Object.assign(database, {
    unlock,
    async close() {
      await close();
      await database.pglite?.close();
      unlock();
    },
  });
}
