import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { pglitePoolConfig } from "./pglite-pg.ts";
import { countQuery } from "./context.ts";
import type { DB } from "./schema.ts";
import { TenantGuardPlugin } from "./tenant-guard.ts";

// int8 (count(*)) as number: counts here stay far below 2^53
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Tables without tenant_id in their key: deployment-wide reference data. The shared library's
 * entries, versions and file bytes (library_entries, library_versions, library_blobs) are deployment-wide too: they have no
 * tenant_id column (their publisher is `publisher_tenant_id`), so the guard never claims them.
 */
const REFERENCE_TABLES = new Set(["tenants", "hostnames", "deployment_operators", "kysely_migration", "kysely_migration_lock"]);

export type Database = {
  db: Kysely<DB>;
  kind: "pglite" | "postgres";
  /** which database this is (server, port, name; an embedded one is its own): nodes sharing it form one deployment */
  identity: string;
  pglite?: PGlite;
  /** Re-reads which tables are tenant-owned (after migrations). */
  refreshTenantTables(): Promise<void>;
  close(): Promise<void>;
};

/** Statements prepared per connection at most; beyond, queries run unnamed (odd shapes, e.g. long IN lists). */
const MAX_PREPARED = 2000;
/** Bulk statements (batched inserts, long IN lists) vary in shape and gain little from a saved plan. */
const MAX_PREPARED_VALUES = 64;
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b[^;]*$/i;

/**
 * Runs the application's queries as named prepared statements, one name per distinct SQL text on
 * each connection: the server parses and plans a statement once instead of on every call, which is
 * most of the cost of a small query (above all on PGlite, where PostgreSQL runs in WebAssembly).
 * Kysely compiles one SQL text per query shape, with values apart, so texts repeat. Names belong to
 * the server session, which pg's `connection` stands for: PGlite's adapter gives every client of
 * the pool the same one (one embedded session), so a client made after an idle one closed must
 * reuse the names already prepared. Each Database has its own prefix: two of them may share one
 * embedded session.
 */
const statementNames = new WeakMap<object, Map<string, string>>();
let databases = 0;
export function prepareStatements(prefix: string, client: pg.PoolClient) {
  const session = (client as unknown as { connection?: object }).connection ?? client;
  let names = statementNames.get(session);
  if (!names) statementNames.set(session, (names = new Map()));
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text === "string" && Array.isArray(values) && values.length <= MAX_PREPARED_VALUES && PREPARABLE.test(text)) {
      let name = names.get(text);
      if (!name && names.size < MAX_PREPARED) {
        name = `${prefix}_${names.size}`;
        names.set(text, name);
      }
      if (name) return query({ name, text, values }, callback);
    }
    return query(text, values, callback);
  };
}

export async function createDatabase(opts: { url?: string; pglite?: PGlite }): Promise<Database> {
  let tenantTables: ReadonlySet<string> = new Set();
  let pool: pg.Pool;
  if (opts.url) {
    pool = new pg.Pool({ connectionString: opts.url, max: 10 });
  } else if (opts.pglite) {
    pool = new pg.Pool(pglitePoolConfig(opts.pglite) as unknown as pg.PoolConfig);
  } else throw new Error("createDatabase needs a url or a PGlite instance");
  // an idle connection the server dropped (restart, failover): pg-pool discards it and opens another
  // on the next query; without a listener the pool's error event would stop the process
  pool.on("error", (e) => console.error(`database: an idle connection was lost (${e.message}); the next query opens a new one`));
  const prefix = `k${++databases}`;
  pool.on("connect", (client) => prepareStatements(prefix, client));
  const guard = new TenantGuardPlugin(() => tenantTables);
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool,
      // every statement passes the tenant guard before it runs, transactions' included
      onCreateConnection: async (connection) => {
        const executeQuery = connection.executeQuery.bind(connection);
        connection.executeQuery = (query) => {
          guard.check(query);
          countQuery(query.sql);
          return executeQuery(query);
        };
      },
    }),
    plugins: [guard],
  });
  const database: Database = {
    db,
    kind: opts.url ? "postgres" : "pglite",
    identity: opts.url ? identityOf(opts.url) : `pglite-${randomUUID()}`,
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

function identityOf(url: string) {
  const u = new URL(url);
  return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
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
