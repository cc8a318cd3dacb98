import pg from "pg";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { openMemoryPglite } from "./pglite.ts";
import { pglitePoolConfig } from "./pglite-pg.ts";

let pglite: Awaited<ReturnType<typeof openMemoryPglite>>;
let pool: pg.Pool;
beforeAll(async () => {
  pglite = await openMemoryPglite();
  pool = new pg.Pool(pglitePoolConfig(pglite) as unknown as pg.PoolConfig);
}, 120_000);
afterAll(async () => {
  await pool.end();
  await pglite.close();
});

it("sends a statement's protocol messages to PGlite in one call", async () => {
  await pool.query("select 1"); // connected
  const calls = vi.spyOn(pglite, "execProtocolRawStream");
  const named = { name: "p1", text: "select $1::int * 2 as n", values: [21] };
  expect((await pool.query(named)).rows).toEqual([{ n: 42 }]); // Parse, Bind, Describe, Execute, Sync
  expect((await pool.query({ ...named, values: [5] })).rows).toEqual([{ n: 10 }]); // Bind, Describe, Execute, Sync
  expect((await pool.query("select $1::text as s", ["x"])).rows).toEqual([{ s: "x" }]);
  expect(calls).toHaveBeenCalledTimes(3);
  calls.mockRestore();
});

it("reads answers that PGlite hands over in several pieces, messages cut across them", async () => {
  // PostgreSQL writes its answer in 8 KB pieces: these rows are cut in the middle, and so is the last one
  const { rows } = await pool.query("select n, repeat('é', 5000 + n) as s from generate_series(1, 40) as n");
  expect(rows).toHaveLength(40);
  expect(rows.every((r: { n: number; s: string }) => r.s === "é".repeat(5000 + r.n))).toBe(true);
  expect((await pool.query("select $1::int as n", [3])).rows).toEqual([{ n: 3 }]);
});

it("an error in a statement is that statement's, and the connection goes on", async () => {
  await expect(pool.query("select 1 / $1::int as n", [0])).rejects.toThrow(/division by zero/);
  await expect(pool.query("select * from no_such_table")).rejects.toThrow(/no_such_table/);
  expect((await pool.query("select $1::int + 1 as n", [1])).rows).toEqual([{ n: 2 }]);
  // a transaction across statements on the one session
  const c = await pool.connect();
  await c.query("create temp table t (n int)");
  await c.query("begin");
  await c.query("insert into t values ($1)", [7]);
  await c.query("rollback");
  expect((await c.query("select count(*)::int as n from t")).rows).toEqual([{ n: 0 }]);
  c.release();
});

it("runs statements queued together in the order they were sent", async () => {
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.query("select $1::int as i", [i])));
  expect(results.map((r) => r.rows[0].i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
});
