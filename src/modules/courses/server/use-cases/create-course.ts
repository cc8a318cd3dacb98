import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError, forbidden, invalid } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { visibleOrg } from "../../../orgs/server/index.ts";
import { canCreateCourseIn } from "../access.ts";
import { presentSettings } from "../present.ts";
import { insertCourse, insertMember } from "../repo.ts";
import { emptyRich, richField } from "../rich.ts";
import { searchVector } from "../search.ts";

export type NewCourse = {
  orgId: string;
  title: string;
  summary: string;
  description?: unknown;
  language: string;
  tags: string[];
  format: "online" | "blended" | "in-person";
  visibleFrom?: string | null;
  visibleUntil?: string | null;
};

export const checkDates = (from: string | Date | null | undefined, until: string | Date | null | undefined) => {
  if (from && until && new Date(from) >= new Date(until)) throw invalid({ visibleUntil: { code: "courses.dates_order" } });
};

export const cleanTags = (tags: string[]) => [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))];

/** A draft course on a node where the actor is an admin (of its branch) or a teacher; they become its manager. */
export async function createCourse(k: Kernel, actor: Actor, input: NewCourse) {
  const org = await visibleOrg(k.db, actor, input.orgId);
  if (actor.kind !== "user" || !canCreateCourseIn(actor, org.path)) throw forbidden();
  if (org.archived_at) throw new AppError("validation", {}, { orgId: { code: "courses.org_archived" } });
  checkDates(input.visibleFrom, input.visibleUntil);
  const desc = input.description == null ? emptyRich : richField("description", input.description, input.language);
  const tags = cleanTags(input.tags);
  const id = newId();
  const row = await k.db.transaction().execute(async (tx) => {
    const c = await insertCourse(tx, actor.tenant.id, {
      id,
      org_id: org.id,
      title: input.title,
      summary: input.summary,
      description_doc: desc.doc === null ? null : JSON.stringify(desc.doc),
      description_html: desc.html,
      language: input.language,
      tags,
      format: input.format,
      visible_from: input.visibleFrom ?? null,
      visible_until: input.visibleUntil ?? null,
      search: searchVector({ title: input.title, summary: input.summary, tags, descriptionPlain: desc.plain, language: input.language }),
      created_by: actor.userId,
    });
    await insertMember(tx, actor.tenant.id, { id: newId(), course_id: id, user_id: actor.userId, role: "manager", source: "creator" });
    return c;
  });
  return presentSettings({ ...row, org_name: org.name });
}
