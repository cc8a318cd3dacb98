import { type Kysely, sql } from "kysely";

/** The school module's link-signing key becomes the kernel's, kept as is so links already mailed stay valid. */
export async function up(db: Kysely<unknown>) {
  await sql`alter table school_keys rename to signing_keys`.execute(db);
}
