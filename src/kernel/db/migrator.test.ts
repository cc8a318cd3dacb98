import type { Kysely } from "kysely";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/helpers.ts";
import { allMigrations, allModules } from "../../server/modules.ts";
import { createDatabase, type Database } from "./database.ts";
import { migrate } from "./migrator.ts";
import { openMemoryPglite } from "./pglite.ts";

const migrations = allMigrations(allModules().modules);
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** An empty database of the kind this run uses: PGlite, or a new PostgreSQL database when DATABASE_URL is set. */
async function emptyDatabase(): Promise<Database> {
  if (process.env.DATABASE_URL) {
    const name = `archipel_m_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    const d = await createDatabase({ url: url.toString() });
    cleanups.push(async () => {
      await d.close();
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    });
    return d;
  }
  const pglite = await openMemoryPglite();
  const d = await createDatabase({ pglite });
  cleanups.push(async () => {
    await d.close();
    await pglite.close();
  });
  return d;
}

const schemaOf = async (db: Kysely<any>) =>
  (
    await sql<{ t: string }>`
      select table_name || '.' || column_name || ':' || data_type as t from information_schema.columns
      where table_schema = current_schema() order by 1`.execute(db)
  ).rows.map((r) => r.t);

describe(`migrations (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("are named by date and sequence, in order", () => {
    const names = Object.keys(migrations);
    expect(names.length).toBeGreaterThanOrEqual(5);
    for (const n of names) expect(n).toMatch(/^\d{8}-\d{2}-[a-z0-9-]+$/);
    expect([...names].sort()).toEqual(names);
  });

  it("apply to an empty database, then a second run is a no-op", async () => {
    const d = await emptyDatabase();
    const db = d.db as unknown as Kysely<unknown>;
    expect(await migrate(db, migrations)).toEqual(Object.keys(migrations));
    const before = await schemaOf(d.db);
    expect(before.some((c) => c.startsWith("users.tenant_id:uuid"))).toBe(true);
    expect(await migrate(db, migrations)).toEqual([]);
    expect(await schemaOf(d.db)).toEqual(before);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(d.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations));
  }, 120_000); // a fresh database and every module's migrations: slow on a busy machine

  it("leave the test template migrated: migrating it again is a no-op", async () => {
    const d = await testDatabase();
    cleanups.push(() => d.drop());
    expect(await migrate(d.db as unknown as Kysely<unknown>, migrations)).toEqual([]);
  });

  it("give every tenant table tenant_id in its primary key", async () => {
    const d = await testDatabase();
    cleanups.push(() => d.drop());
    const rows = await sql<{ table_name: string; pk: string }>`
      select tc.table_name, string_agg(kcu.column_name, ',' order by kcu.ordinal_position) as pk
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = current_schema()
        and tc.table_name in (select table_name from information_schema.columns where column_name = 'tenant_id' and table_schema = current_schema())
        and tc.table_name not in ('hostnames')
      group by tc.table_name`.execute(d.db);
    expect(rows.rows.length).toBeGreaterThanOrEqual(6);
    for (const r of rows.rows) expect(r.pk.split(",")[0], r.table_name).toBe("tenant_id");
  });
});
