import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { prepareStatements } from "./database.ts";
import { openMemoryPglite } from "./pglite.ts";
import { pglitePoolConfig } from "./pglite-pg.ts";

// Regression: the PGlite connection gives every pg client the same session; a client made after an idle
// one was closed used to name a different statement with a name the session already had.
let pglite: Awaited<ReturnType<typeof openMemoryPglite>>;
let config: pg.ClientConfig; // one per pool, as in createDatabase
beforeAll(async () => {
  pglite = await openMemoryPglite();
  config = pglitePoolConfig(pglite) as unknown as pg.ClientConfig;
}, 120_000);
afterAll(() => pglite.close());

const client = async () => {
  const c = new pg.Client(config);
  await c.connect();
  prepareStatements("t", c as unknown as pg.PoolClient);
  return c;
};

it("a new client on the same embedded session keeps the statement names already prepared", async () => {
  const first = await client();
  expect((await first.query("select $1::int + 1 as n", [1])).rows).toEqual([{ n: 2 }]);
  await first.end(); // as the pool closes an idle client
  const second = await client();
  expect((await second.query("select $1::text || 'b' as s", ["a"])).rows).toEqual([{ s: "ab" }]);
  expect((await second.query("select $1::int + 1 as n", [41])).rows).toEqual([{ n: 42 }]);
  await second.end();
  const names = await pglite.query<{ name: string; statement: string }>("select name, statement from pg_prepared_statements order by name");
  expect(names.rows.map((r) => r.name)).toEqual(["t_0", "t_1"]);
});

it("leaves statements with several commands, and bulk ones, unnamed", async () => {
  const c = await client();
  await c.query("select $1::int + 1 as n", [2]);
  await c.query("select 1; select 2");
  await c.query(`select ${Array.from({ length: 100 }, (_, i) => `$${i + 1}::int`).join(" + ")} as n`, Array.from({ length: 100 }, () => 1));
  await c.end();
  const names = await pglite.query<{ n: number }>("select count(*)::int as n from pg_prepared_statements");
  expect(names.rows[0].n).toBe(2);
});
