import { sql } from "kysely";
import { expect, it } from "vitest";
import { testDatabase } from "../../../test/helpers.ts";

// a GIN index with a pending list makes every search scan that list, and only VACUUM or autovacuum
// empties it: PGlite has no autovacuum, so full-text indexes take their entries directly
it("every full-text (GIN) index of the schema is created with fastupdate off", async () => {
  const db = await testDatabase();
  try {
    const r = await sql<{ name: string; options: string[] | null }>`
      select c.relname as name, c.reloptions as options
      from pg_class c join pg_am a on a.oid = c.relam
      where a.amname = 'gin' and c.relnamespace = current_schema()::regnamespace`.execute(db.db);
    expect(r.rows.length).toBeGreaterThanOrEqual(2);
    expect(r.rows.filter((i) => !i.options?.includes("fastupdate=off")).map((i) => i.name)).toEqual([]);
  } finally {
    await db.drop();
  }
});
