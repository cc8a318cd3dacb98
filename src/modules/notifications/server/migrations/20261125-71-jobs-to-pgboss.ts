import { type Kysely, sql } from "kysely";

/**
 * Background jobs moved to pg-boss (src/kernel/jobs.ts): the jobs still waiting in
 * notification_jobs go to their pg-boss queue (made here if the migrations step has not made it
 * yet), with the attempts they have left, then the table goes.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    select pgboss.create_queue(kind, '{"policy": "standard"}') from (select distinct kind from notification_jobs where status in ('queued', 'running')) k;
    insert into pgboss.job (id, name, data, start_after, retry_limit, retry_delay, retry_backoff, expire_in, policy)
    select id, kind, jsonb_build_object('tenantId', tenant_id, 'payload', payload), run_after, greatest(2 - attempts, 0), 30, true, interval '5 minutes', 'standard'
    from notification_jobs where status in ('queued', 'running');
    drop table notification_jobs;
  `.execute(db);
}
