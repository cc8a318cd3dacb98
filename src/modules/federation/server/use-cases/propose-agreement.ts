import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { audit } from "../audit.ts";
import { presentAgreement } from "../present.ts";
import { getAgreement, insertAgreement, ownCourses, platformNames } from "../repo.ts";
import { requirePlatformAdmin } from "./require-admin.ts";

export type Proposal = {
  partnerId: string;
  browse: boolean;
  enrolCourseIds: string[];
  copyCourseIds: string[];
  coteachCourseIds: string[];
  startsOn: string;
  endsOn: string;
};

/**
 * An admin of this platform (the grantor) proposes rights to another platform; both keep a copy,
 * the grantee decides. Only this platform's own courses can be named.
 */
export async function proposeAgreement(k: Kernel, actor: Actor, p: Proposal) {
  requirePlatformAdmin(actor);
  if (p.endsOn < p.startsOn) throw new AppError("validation", {}, { endsOn: { code: "federation.ends_before_start" } });
  const named = [...new Set([...p.enrolCourseIds, ...p.copyCourseIds, ...p.coteachCourseIds])];
  if (!p.browse && named.length === 0) throw new AppError("validation", {}, { browse: { code: "federation.no_right" } });
  if (p.partnerId === actor.tenant.id) throw new AppError("validation", {}, { partnerId: { code: "federation.self" } });
  const [partner] = await platformNames(k.db, [p.partnerId]);
  if (!partner) throw new AppError("validation", {}, { partnerId: { code: "federation.no_partner" } });
  const courses = named.length ? await ownCourses(k.db, actor.tenant.id, named) : [];
  if (courses.length !== named.length) throw new AppError("validation", {}, { enrolCourseIds: { code: "federation.unknown_course" } });
  const id = newId();
  await k.db.transaction().execute((trx) =>
    insertAgreement(trx, {
      id,
      grantor_tenant_id: actor.tenant.id,
      grantee_tenant_id: partner.id,
      browse: p.browse,
      enrol_course_ids: [...new Set(p.enrolCourseIds)],
      copy_course_ids: [...new Set(p.copyCourseIds)],
      coteach_course_ids: [...new Set(p.coteachCourseIds)],
      course_titles: Object.fromEntries(courses.map((c) => [c.id, c.title])),
      starts_on: p.startsOn,
      ends_on: p.endsOn,
    }),
  );
  await audit(k, [actor.tenant.id, partner.id], { agreementId: id, action: "proposed", who: actor, detail: { startsOn: p.startsOn, endsOn: p.endsOn } });
  const row = await getAgreement(k.db, actor.tenant.id, id);
  return presentAgreement(row!, new Map([[partner.id, partner.name]]));
}
