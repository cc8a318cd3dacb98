import type { Kysely } from "kysely";
import { type Actor, allowed, type UserActor } from "../../../kernel/auth/actor.ts";
import type { DB } from "../../../kernel/db/schema.ts";
import { AppError, notFound } from "../../../kernel/errors.ts";
import { loadCourse } from "../../courses/server/access.ts";

/**
 * Who may use a bank. A course's bank: its teachers and assistants see it, its editors change it.
 * An organisation node's bank is shared down the tree: it is seen by the teachers and admins placed
 * at or under the node and by the editors of any course under it; it is changed by the admins of
 * the branch and the teachers placed at the node itself.
 */
export type BankAccess = {
  kind: "course" | "org";
  ownerId: string;
  name: string;
  canView: boolean;
  canEdit: boolean;
};

export type CategoryRow = { id: string; course_id: string | null; org_id: string | null; parent_id: string | null; name: string };

const user = (actor: Actor): UserActor => {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  return actor;
};

export function orgBankRights(actor: UserActor, orgPath: string, editsCourseBelow: boolean) {
  const admin = allowed(actor, "org.manage", { orgPath });
  const placedBelow = actor.grants.some((g) => (g.role === "teacher" || g.role === "admin") && g.path.startsWith(orgPath));
  return {
    canEdit: admin || actor.grants.some((g) => g.role === "teacher" && g.path === orgPath),
    canView: admin || placedBelow || editsCourseBelow,
  };
}

async function editsCourseUnder(db: Kysely<DB>, actor: UserActor, orgPath: string): Promise<boolean> {
  const row = await db
    .selectFrom("course_members as m")
    .innerJoin("courses as c", (j) => j.onRef("c.tenant_id", "=", "m.tenant_id").onRef("c.id", "=", "m.course_id"))
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "c.tenant_id").onRef("o.id", "=", "c.org_id"))
    .select("m.course_id")
    .where("m.tenant_id", "=", actor.tenant.id)
    .where("m.user_id", "=", actor.userId)
    .where("m.status", "=", "active")
    .where("m.role", "in", ["manager", "teacher"])
    .where("o.path", "like", `${orgPath.replace(/[%_\\]/g, "\\$&")}%`)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** The rights of the actor on the bank owning a category. */
export async function bankAccess(db: Kysely<DB>, actor: Actor, owner: { course_id: string | null; org_id: string | null }): Promise<BankAccess> {
  const a = user(actor);
  if (owner.course_id) {
    const c = await loadCourse(db, a, owner.course_id);
    return { kind: "course", ownerId: owner.course_id, name: c.course.title, canView: c.canTeach, canEdit: c.canEdit };
  }
  const org = await db.selectFrom("orgs").select(["path", "name"]).where("tenant_id", "=", a.tenant.id).where("id", "=", owner.org_id!).executeTakeFirst();
  if (!org) throw notFound();
  let rights = orgBankRights(a, org.path, false);
  if (!rights.canView) rights = orgBankRights(a, org.path, await editsCourseUnder(db, a, org.path));
  return { kind: "org", ownerId: owner.org_id!, name: org.name, ...rights };
}

/** Loads a category the actor may see (404 otherwise) with the rights on its bank. */
export async function loadCategory(db: Kysely<DB>, actor: Actor, categoryId: string, need: "view" | "edit") {
  const a = user(actor);
  const cat = await db
    .selectFrom("question_categories")
    .select(["id", "course_id", "org_id", "parent_id", "name"])
    .where("tenant_id", "=", a.tenant.id)
    .where("id", "=", categoryId)
    .executeTakeFirst();
  if (!cat) throw notFound();
  const bank = await bankAccess(db, a, cat);
  if (!bank.canView) throw notFound();
  if (need === "edit" && !bank.canEdit) throw new AppError("forbidden");
  return { cat: cat as CategoryRow, bank, actor: a };
}

/** Loads a question (not deleted) the actor may see, with its category and bank rights. */
export async function loadQuestion(db: Kysely<DB>, actor: Actor, questionId: string, need: "view" | "edit") {
  const a = user(actor);
  const q = await db
    .selectFrom("questions")
    .select(["id", "category_id"])
    .where("tenant_id", "=", a.tenant.id)
    .where("id", "=", questionId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!q) throw notFound();
  return { questionId: q.id, ...(await loadCategory(db, a, q.category_id, need)) };
}
