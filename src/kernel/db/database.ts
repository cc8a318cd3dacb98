import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { countQuery } from "./context.ts";
import type { DB } from "./schema.ts";
import { TenantGuardPlugin } from "./tenant-guard.ts";

// int8 (count(*)) as number: counts here stay far below 2^53
pg.types.setTypeParser(20, (v) => Number(v));

/** Tables without tenant_id in their key: deployment-wide reference data. */
const REFERENCE_TABLES = new Set(["tenants", "hostnames", "deployment_operators", "kysely_migration", "kysely_migration_lock"]);

export type Database = {
  db: Kysely<DB>;
  kind: "pglite" | "postgres";
  pglite?: PGlite;
  /** Re-reads which tables are tenant-owned (after migrations). */
  refreshTenantTables(): Promise<void>;
  close(): Promise<void>;
};

export async function createDatabase(opts: { url?: string; pglite?: PGlite }): Promise<Database> {
  let tenantTables: ReadonlySet<string> = new Set();
  let pool: pg.Pool;
  if (opts.url) {
    pool = new pg.Pool({ connectionString: opts.url, max: 10 });
  } else if (opts.pglite) {
    pool = new pg.Pool(createPgConfig(opts.pglite) as unknown as pg.PoolConfig);
  } else throw new Error("createDatabase needs a url or a PGlite instance");
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new TenantGuardPlugin(() => tenantTables)],
    log: (e) => countQuery(e.query.sql),
  });
  const database: Database = {
    db,
    kind: opts.url ? "postgres" : "pglite",
    pglite: opts.pglite,
    async refreshTenantTables() {
      const rows = await sql<{ table_name: string }>`
        select table_name from information_schema.columns
        where column_name = 'tenant_id' and table_schema = current_schema()`.execute(db);
      tenantTables = new Set(rows.rows.map((r) => r.table_name).filter((t) => !REFERENCE_TABLES.has(t)));
    },
    async close() {
      await db.destroy();
    },
  };
  return database;
}

/** Deployment-wide code that reads across tenants (platform list, outbox) says so explicitly. */
export function crossTenant(db: Kysely<DB>): Kysely<DB> {
  return db.withoutPlugins();
}

/** Keeps the last three dumps of the embedded database in dataDir/backups. */
export async function dumpPglite(pglite: PGlite, dataDir: string) {
  const dir = join(dataDir, "backups");
  mkdirSync(dir, { recursive: true });
  const blob = await pglite.dumpDataDir("gzip");
  const name = `pgdata-${new Date().toISOString().replace(/[:.]/g, "-")}.tar.gz`;
  writeFileSync(join(dir, name), Buffer.from(await blob.arrayBuffer()));
  const old = readdirSync(dir).filter((f) => f.startsWith("pgdata-")).sort().slice(0, -3);
  for (const f of old) rmSync(join(dir, f));
}
