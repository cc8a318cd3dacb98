import { type Kysely, sql } from "kysely";

/**
 * The bytes of the files and videos (and their captions) that library versions carry, owned by
 * the library, not by the platform that published them: deployment-wide like the versions (no
 * tenant_id), addressed by their SHA-256 so the same file in ten versions is stored once, and
 * never changed once written. A version's content names each file by its hash with its name and
 * type; importing copies the chunks into a file of the importing platform. Chunks are 256 KiB
 * like `file_chunks` and stored uncompressed for the same reasons.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table library_blobs (
      sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
      size bigint not null check (size > 0),
      created_at timestamptz not null default now()
    );
    create table library_blob_chunks (
      sha256 text not null references library_blobs (sha256) on delete cascade,
      n int not null,
      data bytea not null,
      primary key (sha256, n)
    );
    alter table library_blob_chunks alter column data set storage external;
  `.execute(db);
}
