import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { countQueries, testDatabase } from "../../../test/helpers.ts";
import { compiledOnce } from "./compiled.ts";
import { TenantGuardError } from "./tenant-guard.ts";

let db: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  db = await testDatabase();
}, 120_000);
afterAll(() => db.drop());

it("binds each run's values to the query compiled at the first run", async () => {
  let builds = 0;
  const echo = compiledOnce((k, v: Record<"a" | "b", string>) => {
    builds++;
    return k.selectNoFrom([sql<string>`${v.a}::text`.as("a"), sql<string>`${v.b}::text`.as("b"), sql<string>`${"fixed"}::text`.as("c")]);
  });
  expect(await echo(db.db, { a: "1", b: "2" })).toEqual([{ a: "1", b: "2", c: "fixed" }]);
  expect(await echo(db.db, { a: "3", b: "4" })).toEqual([{ a: "3", b: "4", c: "fixed" }]);
  expect(builds).toBe(1);
  const { count } = await countQueries(() => echo(db.db, { a: "5", b: "6" }));
  expect(count).toBe(1);
});

it("still passes every run through the tenant guard", async () => {
  const leaky = compiledOnce((k, v: Record<"name", string>) => k.selectFrom("orgs").select("id").where("name", "=", v.name));
  await expect(leaky(db.db, { name: "x" })).rejects.toThrow(TenantGuardError);
  await expect(leaky(db.db, { name: "y" })).rejects.toThrow(TenantGuardError);
});

it("refuses a Date, which would be frozen at its first value", async () => {
  const stale = compiledOnce((k, v: Record<"tenantId", string>) => k.selectFrom("sessions").select("id").where("tenant_id", "=", v.tenantId).where("expires_at", ">", new Date()));
  await expect(stale(db.db, { tenantId: "00000000-0000-7000-8000-000000000000" })).rejects.toThrow(/frozen/);
  const fresh = compiledOnce((k, v: Record<"tenantId", string>) => k.selectFrom("sessions").select("id").where("tenant_id", "=", v.tenantId).where("expires_at", ">", sql<Date>`now()`));
  await expect(fresh(db.db, { tenantId: "00000000-0000-7000-8000-000000000000" })).resolves.toEqual([]);
});
