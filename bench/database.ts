import type { Kysely } from "kysely";
import pg from "pg";
import { createDatabase, type Database } from "../src/kernel/db/database.ts";
import { migrate } from "../src/kernel/db/migrator.ts";
import { openMemoryPglite } from "../src/kernel/db/pglite.ts";
import { createJobQueues } from "../src/kernel/jobs.ts";
import { allMigrations, allModules } from "../src/server/modules.ts";

/**
 * A fresh database for one bench process, migrated: PGlite in memory, or a throwaway database
 * (`archipel_<name>_<pid>`) on the server of DATABASE_URL, dropped by `drop()`.
 */
export async function benchDatabase(name: string) {
  const url = process.env.DATABASE_URL;
  let database: Database;
  let drop: () => Promise<void>;
  if (!url) {
    const pglite = await openMemoryPglite();
    database = await createDatabase({ pglite });
    drop = async () => {
      await database.close();
      await pglite.close();
    };
  } else {
    const dbName = `archipel_${name}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = async (q: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(q);
      await c.end();
    };
    await admin(`create database ${dbName}`);
    const u = new URL(url);
    u.pathname = `/${dbName}`;
    database = await createDatabase({ url: u.toString() });
    drop = async () => {
      await database.close();
      await admin(`drop database if exists ${dbName} with (force)`);
    };
  }
  const { modules } = allModules();
  await migrate(database.db as unknown as Kysely<unknown>, allMigrations(modules));
  await createJobQueues(database.db);
  await database.refreshTenantTables();
  return { database, modules, drop };
}
