import { type Kysely, sql } from "kysely";

/**
 * Forum search's full-text index takes new entries directly instead of through GIN's pending list,
 * which every search scans whole and which only VACUUM or autovacuum empties (PGlite has none).
 */
export async function up(db: Kysely<unknown>) {
  await sql`alter index forum_posts_search set (fastupdate = off)`.execute(db);
  await sql`select gin_clean_pending_list('forum_posts_search'::regclass)`.execute(db);
}
