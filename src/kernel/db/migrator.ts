import { type Kysely, type Migration, Migrator } from "kysely";

/**
 * Forward-only migrations gathered from every module. Names start with a date and a sequence
 * number so that the order across modules is explicit.
 */
export async function migrate(db: Kysely<unknown>, migrations: Record<string, Migration>) {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: false,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`Migration ${failed?.migrationName ?? "?"} failed: ${(error as Error).message}`);
  }
  return results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
}
