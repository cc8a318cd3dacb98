import { useParams } from "@tanstack/react-router";
import { useIntl } from "react-intl";
import { fillPath } from "../../../kernel/contract.ts";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { Loading, QueryError } from "../../../web/ui.tsx";
import { getProgrammeReport, programmeAttestationPath, programmeCsvPath, setProgrammeFunder } from "../shared/contract.ts";
import { CourseCells, LearnerRow, ReportLayout, TimeCells, useDay, useReport } from "./report-layout.tsx";

/**
 * The funder report of a programme: one group of rows per learner, their totals across the
 * programme's courses then a row per course; the CSV, each learner's attestation, the funders.
 */
export function ProgrammeReportPage() {
  const t = useT();
  const intl = useIntl();
  const day = useDay();
  const { id } = useParams({ strict: false }) as { id: string };
  const { f, setF, q, withQuery } = useReport(["programme-funder-report", id], (f) => api(getProgrammeReport, { params: { programmeId: id }, query: f }));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const r = q.data;
  const percent = (x: number) => intl.formatNumber(x, { maximumFractionDigits: 1 });
  return (
    <ReportLayout
      back={{ to: "/programmes/$id", id, title: r.programme.title, label: t("ui.programmes.breadcrumb") }}
      title={t("ui.reporting.programmeTitle")}
      csvHref={withQuery(fillPath(programmeCsvPath, { programmeId: id }))}
      method={[
        "ui.reporting.methodProgrammeOnline",
        "ui.reporting.methodProgrammeAttendance",
        "ui.reporting.methodCompletion",
        "ui.reporting.methodProgrammeCompletion",
        "ui.reporting.methodProgrammeResult",
        "ui.reporting.methodProgrammeFunder",
        "ui.reporting.methodProgrammeCsv",
      ]}
      report={r}
      filters={{ f, setF }}
      emptyHelp={t("ui.reporting.emptyProgrammeHelp")}
      progressColumn={t("ui.reporting.col.courses")}
    >
      {r.rows.map((x) => {
        const name = `${x.givenName} ${x.familyName}`;
        return (
          <tbody key={x.userId} className="report-learner">
            <LearnerRow
              x={x}
              save={(funder) => api(setProgrammeFunder, { params: { programmeId: id, userId: x.userId }, body: { funder } })}
              queryKey={["programme-funder-report", id]}
              attestationHref={withQuery(fillPath(programmeAttestationPath, { programmeId: id, userId: x.userId }))}
            >
              <TimeCells x={x} />
              <td>
                {t("ui.reporting.coursesDone", { done: x.programme.coursesCompleted, required: x.programme.required })}
                {x.programme.completedAt && <div className="muted small">{t("ui.reporting.programmeCompletedOn", { date: day(x.programme.completedAt) })}</div>}
              </td>
              <td>
                {x.result.percent === null ? (
                  <span className="muted">{t("ui.reporting.noResult")}</span>
                ) : (
                  t("ui.reporting.resultMean", { percent: percent(x.result.percent), count: x.result.courses })
                )}
              </td>
            </LearnerRow>
            {x.courses.map((c) => (
              <tr key={c.courseId} className="report-course">
                <th scope="row" className="report-name">
                  <span className="visually-hidden">{t("ui.reporting.breakdownNamed", { name })} · </span>
                  {c.title}
                </th>
                <td />
                {c.enrolled ? (
                  <CourseCells x={c} />
                ) : (
                  <td colSpan={4} className="muted">
                    {t("ui.reporting.notEnrolled")}
                  </td>
                )}
                <td />
              </tr>
            ))}
          </tbody>
        );
      })}
    </ReportLayout>
  );
}
