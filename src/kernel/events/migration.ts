import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>) {
  // append-only log of what people do; xAPI, indicators and recommendations read from it
  await sql`
    create table events (
      tenant_id uuid not null,
      id uuid not null,
      actor_id uuid,
      verb text not null,
      object_type text not null,
      object_id text,
      context jsonb not null default '{}',
      at timestamptz not null,
      primary key (tenant_id, id)
    );
    create index events_actor on events (tenant_id, actor_id, at);
  `.execute(db);
}
