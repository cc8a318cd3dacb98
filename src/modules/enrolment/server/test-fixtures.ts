import type { Kernel } from "../../../kernel/module.ts";
import { newId } from "../../../kernel/ids.ts";
import { hashPassword } from "../../../kernel/auth/password.ts";

/** Test data written straight to the database (the courses module's API is not needed to test enrolment). */
export async function makeCourse(
  k: Kernel,
  tenantId: string,
  orgId: string,
  opts: {
    title?: string;
    selfEnrol?: "closed" | "open" | "key" | "approval";
    key?: string;
    capacity?: number | null;
    enrolFrom?: Date | null;
    enrolUntil?: Date | null;
    status?: "draft" | "published";
  } = {},
) {
  const id = newId();
  await k.db
    .insertInto("courses")
    .values({
      tenant_id: tenantId,
      id,
      org_id: orgId,
      title: opts.title ?? "Cours",
      status: opts.status ?? "published",
      self_enrol: opts.selfEnrol ?? "open",
      enrol_key_hash: opts.key ? await hashPassword(opts.key) : null,
      capacity: opts.capacity ?? null,
      enrol_from: opts.enrolFrom ?? null,
      enrol_until: opts.enrolUntil ?? null,
    })
    .execute();
  return { id };
}

export async function makeSection(k: Kernel, tenantId: string, courseId: string, position = 0, title = "Section") {
  const id = newId();
  await k.db.insertInto("course_sections").values({ tenant_id: tenantId, id, course_id: courseId, position, title }).execute();
  return { id };
}

export async function makeItem(
  k: Kernel,
  tenantId: string,
  courseId: string,
  sectionId: string,
  position: number,
  opts: { title?: string; completion?: "none" | "viewed" | "done" | "graded"; condition?: unknown } = {},
) {
  const id = newId();
  await k.db
    .insertInto("course_items")
    .values({
      tenant_id: tenantId,
      id,
      course_id: courseId,
      section_id: sectionId,
      position,
      kind: "page",
      title: opts.title ?? `Item ${position + 1}`,
      completion: opts.completion ?? "done",
      condition: opts.condition === undefined ? null : JSON.stringify(opts.condition),
    })
    .execute();
  return { id };
}

export async function enrolDirect(
  k: Kernel,
  tenantId: string,
  courseId: string,
  userId: string,
  role: "learner" | "teacher" | "manager" | "assistant" = "learner",
) {
  await k.db.insertInto("course_members").values({ tenant_id: tenantId, id: newId(), course_id: courseId, user_id: userId, role, source: "teacher" }).execute();
}

export async function viewItem(k: Kernel, tenantId: string, courseId: string, itemId: string, userId: string) {
  const now = new Date();
  await k.db
    .insertInto("item_progress")
    .values({ tenant_id: tenantId, item_id: itemId, user_id: userId, course_id: courseId, viewed_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(["tenant_id", "item_id", "user_id"]).doNothing())
    .execute();
}
