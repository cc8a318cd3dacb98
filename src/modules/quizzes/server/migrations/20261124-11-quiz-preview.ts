import { type Kysely, sql } from "kysely";

/**
 * Teachers' previews: attempts flagged `preview`, kept out of results, grading queue, gradebook,
 * completion and events; a new preview deletes the person's earlier ones.
 */
export async function up(db: Kysely<unknown>) {
  await sql`alter table quiz_attempts add column preview boolean not null default false`.execute(db);
}
