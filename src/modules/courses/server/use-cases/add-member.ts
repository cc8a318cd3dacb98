import type { Actor } from "../../../../kernel/auth/actor.ts";
import { forbidden, invalid } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../access.ts";
import { presentMember } from "../present.ts";
import { insertMember, personOfBranch } from "../repo.ts";

/** Gives someone of the course's branch a teaching role; only managers (and branch admins) name managers. */
export async function addMember(k: Kernel, actor: Actor, id: string, input: { userId: string; role: "manager" | "teacher" | "assistant" | "observer" }) {
  const a = await loadCourse(k.db, actor, id);
  requireCourse(a, "edit");
  if (input.role === "manager" && !a.orgAdmin && !a.roles.includes("manager")) throw forbidden();
  const tid = a.course.tenant_id;
  const person = await personOfBranch(k.db, tid, a.course.org_path, input.userId);
  if (!person) throw invalid({ userId: { code: "courses.person_unknown" } });
  const m = await insertMember(k.db, tid, { id: newId(), course_id: id, user_id: person.id, role: input.role, source: "teacher" });
  return presentMember({ ...m, given_name: person.given_name, family_name: person.family_name, username: person.username });
}
