import { type Kysely, sql } from "kysely";

/**
 * The catalogue's full-text index takes new entries directly instead of through GIN's pending list:
 * every search scans that whole list, and only VACUUM or autovacuum empties it. PGlite has no
 * autovacuum, so the list of a busy catalogue stayed full and made each search several times
 * dearer. Courses are written rarely and searched often.
 */
export async function up(db: Kysely<unknown>) {
  await sql`alter index courses_search set (fastupdate = off)`.execute(db);
  await sql`select gin_clean_pending_list('courses_search'::regclass)`.execute(db);
}
