import { type Kysely, sql } from "kysely";
import PgBoss from "pg-boss";

/**
 * pg-boss's own schema ("pgboss", schema version 24 of pg-boss 10), made here rather than by
 * pg-boss when a node starts: test templates include it, and the worker only checks its version
 * (it refuses to start on another one). An upgrade of pg-boss that changes its schema version needs
 * a new migration running PgBoss.getMigrationPlans. Kysely runs the migrations in one transaction:
 * the plan's own BEGIN, SET LOCAL timeouts and COMMIT around its statements are left out.
 */
export async function up(db: Kysely<unknown>) {
  const plan = PgBoss.getConstructionPlans("pgboss")
    .replace(/^\s*BEGIN;/, "")
    .replace(/^\s*SET LOCAL [^;]*;/gm, "")
    .replace(/COMMIT;\s*$/, "");
  await sql.raw(plan).execute(db);
}
