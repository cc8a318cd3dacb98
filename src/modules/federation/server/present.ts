import { inForce } from "./remote.ts";
import type { AgreementRow } from "./repo.ts";

const iso = (d: Date | string) => new Date(d).toISOString();

export function presentAgreement(a: AgreementRow, partners: Map<string, string>) {
  const partnerId = a.side === "grantor" ? a.grantee_tenant_id : a.grantor_tenant_id;
  const titled = (ids: string[]) => ids.map((id) => ({ id, title: a.course_titles[id] ?? "" }));
  return {
    id: a.id,
    side: a.side,
    partner: { id: partnerId, name: partners.get(partnerId) ?? "" },
    browse: a.browse,
    enrol: titled(a.enrol_course_ids),
    copy: titled(a.copy_course_ids),
    coteach: titled(a.coteach_course_ids),
    startsOn: a.starts_on,
    endsOn: a.ends_on,
    status: a.status,
    inForce: inForce(a),
    createdAt: iso(a.created_at),
  };
}

export function presentGrant(g: {
  id: string;
  operator_user_id: string;
  operator_name: string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  created_at: Date | string;
  active: boolean;
}) {
  return {
    id: g.id,
    operator: { id: g.operator_user_id, name: g.operator_name },
    expiresAt: iso(g.expires_at),
    revokedAt: g.revoked_at ? iso(g.revoked_at) : null,
    active: g.active,
    createdAt: iso(g.created_at),
  };
}
