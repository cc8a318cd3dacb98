import { type Kysely, sql } from "kysely";

/** A learner's attempts across quizzes (files they uploaded as answers are found through them). */
export async function up(db: Kysely<unknown>) {
  await sql`create index quiz_attempts_user on quiz_attempts (tenant_id, user_id)`.execute(db);
}
