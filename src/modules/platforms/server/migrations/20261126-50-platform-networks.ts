import { type Kysely, sql } from "kysely";

/**
 * Networks of platforms: a platform may sit under a parent platform (a national body and its
 * regional platforms, an academy and its schools). One level only: a parent has no parent, so a
 * network is a platform with no parent and the platforms under it; a platform alone is a network
 * of one. The library is shared within a network; the services portal's catalogue stays the
 * deployment operator's, offered to every platform whatever its network.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    alter table tenants add column parent_id uuid references tenants (id);
    create index tenants_parent on tenants (parent_id) where parent_id is not null;
  `.execute(db);
}
