import { type Kysely, sql } from "kysely";

/**
 * Uploaded files, their bytes in the database in 256 KiB chunks: app nodes stay stateless (any
 * node serves any file; one backup holds everything). A file is `uploading` while its chunks
 * are written and becomes `ready` at the end; an interrupted upload is deleted with its chunks.
 * Chunks are stored uncompressed (`storage external`): videos and office files are compressed
 * already, and range reads then slice without decompressing.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table files (
      tenant_id uuid not null,
      id uuid not null,
      owner_id uuid,
      purpose text not null check (purpose in ('document', 'video', 'captions', 'image')),
      name text not null check (length(name) between 1 and 255),
      mime text not null,
      size bigint not null default 0,
      sha256 text,
      status text not null default 'uploading' check (status in ('uploading', 'ready')),
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, owner_id) references users (tenant_id, id) on delete set null (owner_id)
    );
    create index files_owner on files (tenant_id, owner_id);
    create index files_uploading on files (tenant_id, created_at) where status = 'uploading';
    create table file_chunks (
      tenant_id uuid not null,
      file_id uuid not null,
      n int not null,
      data bytea not null,
      primary key (tenant_id, file_id, n),
      foreign key (tenant_id, file_id) references files (tenant_id, id) on delete cascade
    );
    alter table file_chunks alter column data set storage external;
    create index course_items_file on course_items (tenant_id, file_id) where file_id is not null;
    create index course_items_captions on course_items (tenant_id, captions_file_id) where captions_file_id is not null;
  `.execute(db);
}
