import { useT } from "../../../web/i18n.tsx";

/** "Absent — justification pending", "Late (10 min)", "Excluded": a mark in words, coloured by how it stands. */
export function MarkBadge({ status, lateMinutes, justification }: { status: string; lateMinutes: number | null; justification: string }) {
  const t = useT();
  const tone = justification === "accepted" ? "badge-ok" : justification === "pending" ? "badge-neutral" : status === "late" ? "badge-warn" : "badge-error";
  return (
    <span className="att-badges">
      <span className={`badge ${tone}`}>{t(`ui.attendance.status.${status}`, { minutes: lateMinutes ?? 0 })}</span>
      {status !== "excluded" && <span className="badge badge-neutral">{t(`ui.attendance.justification.${justification}`)}</span>}
    </span>
  );
}
