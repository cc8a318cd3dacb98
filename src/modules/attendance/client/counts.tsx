import { type CalendarDate, getLocalTimeZone, today } from "@internationalized/date";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { DayField, EmptyState, Loading, PageTitle, QueryError, SelectField } from "../../../web/ui.tsx";
import { listClasses } from "../../school/shared/contract.ts";
import { COUNT_COLUMNS, getCounts } from "../shared/contract.ts";
import { attendanceKey } from "./keys.ts";
import "./attendance.css";

/** The school year so far: from 1 September (of last year before September) to today. */
const schoolYearStart = (d: CalendarDate) => d.set({ month: 9, day: 1 }).subtract({ years: d.month < 9 ? 1 : 0 });

/** Counts per pupil of a class over a period, with totals and a CSV export (staff, admins, the class's teachers). */
export function CountsPage() {
  const t = useT();
  const now = today(getLocalTimeZone());
  const [from, setFrom] = useState<CalendarDate | null>(schoolYearStart(now));
  const [to, setTo] = useState<CalendarDate | null>(now);
  const [classId, setClassId] = useState<string | null>(null);
  const classes = useQuery({ queryKey: ["school", "classes"], queryFn: () => api(listClasses) });
  const target = classId ?? classes.data?.items[0]?.id ?? null;
  const query = target && from && to ? { orgId: target, from: from.toString(), to: to.toString() } : null;
  const counts = useQuery({ queryKey: [...attendanceKey, "counts", query], queryFn: () => api(getCounts, { query: query! }), enabled: !!query });
  const csv = query ? url(`/api/v1/attendance/counts.csv?${new URLSearchParams(query)}`) : null;
  return (
    <>
      <PageTitle>{t("ui.attendance.counts.title")}</PageTitle>
      <p className="lead">{t("ui.attendance.counts.intro")}</p>
      <div className="att-toolbar">
        <SelectField
          label={t("ui.attendance.counts.class")}
          options={(classes.data?.items ?? []).map((c) => ({ id: c.id, label: c.name }))}
          value={target}
          onChange={setClassId}
        />
        <DayField name="from" label={t("ui.attendance.counts.from")} value={from} onChange={setFrom} />
        <DayField name="to" label={t("ui.attendance.counts.to")} value={to} onChange={setTo} />
        {csv && (
          <a className="btn btn-secondary" href={csv} download>
            {t("ui.attendance.counts.export")}
          </a>
        )}
      </div>
      {!query ? (
        <EmptyState title={t("ui.attendance.counts.choose")} />
      ) : counts.isPending ? (
        <Loading />
      ) : counts.isError ? (
        <QueryError error={counts.error} />
      ) : counts.data.items.length === 0 ? (
        <EmptyState title={t("ui.attendance.counts.empty")} />
      ) : (
        <div className="table-wrap">
          <table className="table att-counts">
            <caption className="visually-hidden">{t("ui.attendance.counts.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ui.attendance.counts.pupil")}</th>
                {COUNT_COLUMNS.map((c) => (
                  <th key={c} scope="col" className="num">
                    {t(`ui.attendance.counts.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {counts.data.items.map((r) => (
                <tr key={r.pupil.id}>
                  <th scope="row">{r.pupil.name}</th>
                  {COUNT_COLUMNS.map((c) => (
                    <td key={c} className={`num ${c === "unjustified" && r[c] > 0 ? "att-alert" : ""}`}>
                      {r[c]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("ui.attendance.counts.total")}</th>
                {COUNT_COLUMNS.map((c) => (
                  <td key={c} className="num">
                    {counts.data.total[c]}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  );
}
