import { useParams } from "@tanstack/react-router";
import { fillPath } from "../../../kernel/contract.ts";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { Loading, QueryError } from "../../../web/ui.tsx";
import { attestationPath, getReport, reportCsvPath, setFunder } from "../shared/contract.ts";
import { CourseCells, LearnerRow, ReportLayout, useReport } from "./report-layout.tsx";

/** The funder report of a course: filters by period and funder, one row per learner, the CSV and each attestation. */
export function FunderReportPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const { f, setF, q, withQuery } = useReport(["funder-report", id], (f) => api(getReport, { params: { courseId: id }, query: f }));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const r = q.data;
  return (
    <ReportLayout
      back={{ to: "/courses/$id", id, title: r.course.title, label: t("ui.courses.breadcrumb") }}
      title={t("ui.reporting.title")}
      csvHref={withQuery(fillPath(reportCsvPath, { courseId: id }))}
      method={["ui.reporting.methodOnline", "ui.reporting.methodAttendance", "ui.reporting.methodCompletion", "ui.reporting.methodResult"]}
      report={r}
      filters={{ f, setF }}
      emptyHelp={t("ui.reporting.emptyHelp")}
      progressColumn={t("ui.reporting.col.completion")}
    >
      <tbody>
        {r.rows.map((x) => (
          <LearnerRow
            key={x.userId}
            x={x}
            save={(funder) => api(setFunder, { params: { courseId: id, userId: x.userId }, body: { funder } })}
            queryKey={["funder-report", id]}
            attestationHref={withQuery(fillPath(attestationPath, { courseId: id, userId: x.userId }))}
          >
            <CourseCells x={x} />
          </LearnerRow>
        ))}
      </tbody>
    </ReportLayout>
  );
}
