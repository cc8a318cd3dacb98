import { type Kysely, sql } from "kysely";

/**
 * Who funds a learner's programme (a path of several courses): one free-text name per programme
 * member, which programme reports and the funders overview filter on. The programme's own record,
 * not its courses': a funder pays for the path, and a course may sit in several programmes.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table programme_funding (
      tenant_id uuid not null,
      programme_id uuid not null,
      user_id uuid not null,
      funder text not null check (length(funder) between 1 and 200),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, programme_id, user_id),
      foreign key (tenant_id, programme_id) references programmes (tenant_id, id) on delete cascade,
      foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
    );
    create index programme_funding_funder on programme_funding (tenant_id, funder);
    create index funding_tenant_funder on funding (tenant_id, funder);
  `.execute(db);
}
