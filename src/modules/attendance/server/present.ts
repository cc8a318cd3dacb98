import type { UserActor } from "../../../kernel/auth/actor.ts";
import { staffOver } from "../../school/server/index.ts";
import type { Absence } from "../shared/contract.ts";
import type { MarkRow } from "./repo.ts";

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * An absence as its reader sees it. Parents justify their children's absences and lateness while
 * no justification is pending or accepted; staff over the class decide.
 */
export function presentAbsence(actor: UserActor, m: MarkRow, parentOf: Set<string>): Absence {
  const open = m.justification === "none" || m.justification === "refused";
  return {
    id: m.id,
    pupil: { id: m.pupil_id, name: m.pupil_name },
    class: { id: m.class_id, name: m.class_name },
    day: m.day,
    startsAt: m.starts_at,
    endsAt: m.ends_at,
    subject: { id: m.subject_id, code: m.code, name: m.subject_name, color: m.color, archived: m.subject_archived !== null },
    status: m.status,
    lateMinutes: m.late_minutes,
    recordedBy: m.recorded_by,
    recordedAt: iso(m.recorded_at)!,
    justification: m.justification,
    reason: m.reason,
    reasonNote: m.reason_note,
    fileId: m.file_id,
    justifiedBy: m.justified_by,
    justifiedAt: iso(m.justified_at),
    decidedBy: m.decided_by,
    decidedAt: iso(m.decided_at),
    decisionComment: m.decision_comment,
    canJustify: open && m.status !== "excluded" && parentOf.has(m.pupil_id),
    canDecide: m.justification !== "accepted" && m.status !== "excluded" && staffOver(actor, m.class_path),
  };
}
