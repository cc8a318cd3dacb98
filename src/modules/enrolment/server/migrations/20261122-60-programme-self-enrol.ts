import { type Kysely, sql } from "kysely";

/** Open programmes: people of the programme's branch may join them themselves. */
export async function up(db: Kysely<unknown>) {
  await sql`alter table programmes add column self_enrol boolean not null default false`.execute(db);
}
