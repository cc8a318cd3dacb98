import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { PartnerDetail } from "../../shared/contract.ts";
import { hostPartner } from "../host.ts";
import { activityOf, peopleOf, scopesOf } from "../repo.ts";
import { presentSummary } from "./list-partners.ts";
import { presentPerson } from "./my-partner.ts";

/** A partnership as its host sees it: scopes, people, and their memberships and progress in the platform's courses. */
export async function getPartner(k: Kernel, actor: Actor, id: string): Promise<PartnerDetail> {
  const { p } = await hostPartner(k, actor, id);
  const tid = p.tenant_id;
  const [scopes, people, activity] = await Promise.all([scopesOf(k.db, tid, id), peopleOf(k.db, tid, id), activityOf(k.db, tid, id)]);
  const trainers = people.filter((x) => x.role === "trainer").length;
  return {
    ...presentSummary(p, { trainers, learners: people.filter((x) => x.role === "learner").length }),
    teach: scopes.filter((s) => s.kind === "teach").map((s) => ({ id: s.course_id!, name: s.title ?? "" })),
    enrolCourses: scopes.filter((s) => s.kind === "enrol" && s.course_id).map((s) => ({ id: s.course_id!, name: s.title ?? "" })),
    enrolOrgs: scopes.filter((s) => s.kind === "enrol" && s.org_id).map((s) => ({ id: s.org_id!, name: s.name ?? "" })),
    people: people.map(presentPerson),
    activity: activity.map((a) => ({
      userId: a.user_id,
      course: { id: a.course_id, name: a.title },
      role: a.role,
      since: new Date(a.created_at).toISOString(),
      completedAt: a.completed_at ? new Date(a.completed_at).toISOString() : null,
      itemsDone: Number(a.items_done ?? 0),
    })),
  };
}
