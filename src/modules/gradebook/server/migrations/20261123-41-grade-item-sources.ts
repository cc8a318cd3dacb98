import { type Kysely, sql } from "kysely";

/**
 * A quiz's or an assignment's column goes with its course item (source_id is that item's id);
 * a column by hand that decided an item's 'graded' completion forgets the item when it goes.
 * Deferred: a module may create the column and its course item in either order in one transaction.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    delete from grade_items g where g.source_id is not null
      and not exists (select 1 from course_items i where i.tenant_id = g.tenant_id and i.id = g.source_id);
    update grade_items g set course_item_id = null where g.course_item_id is not null
      and not exists (select 1 from course_items i where i.tenant_id = g.tenant_id and i.id = g.course_item_id);
    alter table grade_items add constraint grade_items_source_fk foreign key (tenant_id, source_id)
      references course_items (tenant_id, id) on delete cascade deferrable initially deferred;
    alter table grade_items add constraint grade_items_course_item_fk foreign key (tenant_id, course_item_id)
      references course_items (tenant_id, id) on delete set null (course_item_id) deferrable initially deferred;
  `.execute(db);
}
