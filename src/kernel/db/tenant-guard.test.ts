import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countQueries, testDatabase } from "../../../test/helpers.ts";
import { newId } from "../ids.ts";
import { crossTenant, type Database } from "./database.ts";
import { TenantGuardError } from "./tenant-guard.ts";

let d: Database & { drop(): Promise<void> };
const tenantId = newId();
const rootId = newId();

beforeAll(async () => {
  d = await testDatabase();
  await d.db.insertInto("tenants").values({ id: tenantId, slug: "guard", root_org_id: rootId }).execute();
  await d.db
    .insertInto("orgs")
    .values({
      tenant_id: tenantId,
      id: rootId,
      parent_id: null,
      path: `/${rootId}/`,
      name: "Guard",
      kind: "platform",
      code: null,
      primary_color: null,
      logo_url: null,
    })
    .execute();
});
afterAll(() => d.drop());

describe("tenant guard", () => {
  it("knows which tables are tenant-owned", async () => {
    await expect(d.db.selectFrom("tenants").selectAll().execute()).resolves.toHaveLength(1);
    await expect(d.db.selectFrom("hostnames").selectAll().execute()).resolves.toEqual([]);
  });

  it("refuses a select on a tenant table without tenant_id, and lets one with it pass", async () => {
    await expect(d.db.selectFrom("orgs").selectAll().execute()).rejects.toThrow(TenantGuardError);
    await expect(d.db.selectFrom("orgs").selectAll().where("id", "=", rootId).execute()).rejects.toThrow(TenantGuardError);
    const rows = await d.db.selectFrom("orgs").selectAll().where("tenant_id", "=", tenantId).execute();
    expect(rows.map((r) => r.id)).toEqual([rootId]);
  });

  it("checks joins and aliases", async () => {
    const joined = d.db
      .selectFrom("users as u")
      .innerJoin("role_assignments as r", (j) => j.onRef("r.user_id", "=", "u.id"))
      .select("u.id");
    await expect(joined.execute()).rejects.toThrow(TenantGuardError);
    await expect(joined.where("u.tenant_id", "=", tenantId).execute()).resolves.toEqual([]);
    await expect(
      d.db
        .selectFrom("tenants as t")
        .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "t.id"))
        .select("o.id")
        .where("t.id", "=", tenantId)
        .execute(),
    ).resolves.toHaveLength(1);
  });

  it("refuses an update or delete without tenant_id, and lets one with it pass", async () => {
    await expect(d.db.updateTable("orgs").set({ name: "x" }).where("id", "=", rootId).execute()).rejects.toThrow(TenantGuardError);
    await expect(d.db.deleteFrom("sessions").where("id", "=", newId()).execute()).rejects.toThrow(TenantGuardError);
    await d.db.updateTable("orgs").set({ name: "Renamed" }).where("tenant_id", "=", tenantId).where("id", "=", rootId).execute();
    await d.db.deleteFrom("sessions").where("tenant_id", "=", tenantId).where("id", "=", newId()).execute();
    expect((await d.db.selectFrom("orgs").select("name").where("tenant_id", "=", tenantId).executeTakeFirstOrThrow()).name).toBe("Renamed");
  });

  it("refuses an insert without tenant_id, and lets one with it pass", async () => {
    const row = { id: newId(), parent_id: rootId, path: "/x/", name: "X", kind: "site", code: null, primary_color: null, logo_url: null };
    await expect(
      d.db
        .insertInto("orgs")
        .values(row as never)
        .execute(),
    ).rejects.toThrow(TenantGuardError);
    await d.db
      .insertInto("orgs")
      .values({ ...row, tenant_id: tenantId, path: `/${rootId}/${row.id}/` })
      .execute();
    await expect(
      d.db
        .insertInto("events")
        .values({ id: newId(), verb: "x", object_type: "y", at: new Date() } as never)
        .execute(),
    ).rejects.toThrow(TenantGuardError);
  });

  it("names the table in its message and stops the statement before it reaches the database", async () => {
    const { count } = await countQueries(() => expect(d.db.deleteFrom("users").execute()).rejects.toThrow(/users without a tenant_id condition/));
    expect(count).toBe(0);
    // inside transactions too, and on every run of a statement whose verdict is remembered
    await expect(d.db.transaction().execute((trx) => trx.selectFrom("users").selectAll().execute())).rejects.toThrow(TenantGuardError);
    await expect(d.db.selectFrom("users").selectAll().execute()).rejects.toThrow(TenantGuardError);
  });

  it("lets deployment-wide code cross tenants explicitly", async () => {
    const rows = await crossTenant(d.db).selectFrom("orgs").select("tenant_id").execute();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    await crossTenant(d.db).updateTable("orgs").set({ code: null }).where("id", "=", rootId).execute();
  });

  it("does not inspect raw SQL (repositories that use it put tenant_id in it)", async () => {
    const r = await sql<{ n: number }>`select count(*)::int as n from orgs where tenant_id = ${tenantId}`.execute(d.db);
    expect(r.rows[0].n).toBe(2);
  });
});
