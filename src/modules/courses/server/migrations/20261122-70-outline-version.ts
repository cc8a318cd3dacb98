import { type Kysely, sql } from "kysely";

/**
 * A course's outline version: bumped by the database itself whenever one of its sections or items
 * is inserted, changed or deleted, whichever code does it. Every node caches a course's outline
 * under this version, so a cached outline is never served once the course has changed.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    alter table courses add column outline_version integer not null default 0;

    create function bump_course_outline() returns trigger language plpgsql as $$
    begin
      update courses set outline_version = outline_version + 1
        where tenant_id = coalesce(new.tenant_id, old.tenant_id) and id = coalesce(new.course_id, old.course_id);
      return null;
    end $$;

    create trigger course_sections_outline after insert or update or delete on course_sections
      for each row execute function bump_course_outline();
    create trigger course_items_outline after insert or update or delete on course_items
      for each row execute function bump_course_outline();
  `.execute(db);
}
