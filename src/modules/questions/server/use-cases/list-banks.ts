import type { UserActor } from "../../../../kernel/auth/actor.ts";
import type { Locale } from "../../../../kernel/i18n.ts";
import { t } from "../../../../kernel/i18n.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import type { Bank } from "../../shared/contract.ts";
import { orgBankRights } from "../access.ts";
import { categoriesOf, insertCategory } from "../repo.ts";

/**
 * The banks a course's teachers may use: the course's own (given a first category when its
 * editor opens it) and the banks of the course's organisation node and of every node above it.
 */
export async function listBanks(k: Kernel, actor: UserActor, courseId: string, locale: Locale) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "teach");
  const tenantId = actor.tenant.id;
  const orgIds = a.course.org_path.split("/").filter(Boolean);
  const [orgs, cats] = await Promise.all([
    k.db.selectFrom("orgs").select(["id", "name", "path"]).where("tenant_id", "=", tenantId).where("id", "in", orgIds).execute(),
    categoriesOf(k.db, tenantId, { courseIds: [courseId], orgIds }),
  ]);
  const present = (c: (typeof cats)[number]) => ({ id: c.id, parentId: c.parent_id, name: c.name, questionCount: Number(c.question_count ?? 0) });
  let own = cats.filter((c) => c.course_id === courseId).map(present);
  if (own.length === 0 && a.canEdit) {
    const row = { id: newId(), course_id: courseId, org_id: null, parent_id: null, name: t(locale, "ui.questions.defaultCategory") };
    await insertCategory(k.db, tenantId, row);
    own = [{ id: row.id, parentId: null, name: row.name, questionCount: 0 }];
  }
  const banks: Bank[] = [{ kind: "course", ownerId: courseId, name: a.course.title, canEdit: a.canEdit, categories: own }];
  // nearest node first: the department's bank before the platform's
  for (const id of [...orgIds].reverse()) {
    const org = orgs.find((o) => o.id === id);
    if (!org) continue;
    const rights = orgBankRights(actor, org.path, a.canEdit);
    const categories = cats.filter((c) => c.org_id === id).map(present);
    if (rights.canView && (categories.length > 0 || rights.canEdit))
      banks.push({ kind: "org", ownerId: id, name: org.name, canEdit: rights.canEdit, categories });
  }
  return { course: { id: courseId, title: a.course.title }, canEdit: a.canEdit, banks };
}
