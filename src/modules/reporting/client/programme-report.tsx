import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Fragment, useState } from "react";
import { useIntl } from "react-intl";
import { fillPath } from "../../../kernel/contract.ts";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, PageTitle, QueryError } from "../../../web/ui.tsx";
import {
  getProgrammeReport,
  type ProgrammeCourseFigures,
  type ProgrammeReportRow,
  programmeAttestationPath,
  programmeCsvPath,
  type ReportQuery,
  setProgrammeFunder,
} from "../shared/contract.ts";
import { hoursMinutes } from "../shared/format.ts";
import { FunderCell, ReportFilters, useInitialFilters } from "./report.tsx";
import "./reporting.css";

/**
 * The funder report of a programme: one group of rows per learner, their totals across the
 * programme's courses then a row per course; the CSV, each learner's attestation, the funders.
 */
export function ProgrammeReportPage() {
  const t = useT();
  const intl = useIntl();
  const { id } = useParams({ strict: false }) as { id: string };
  const [f, setF] = useState<ReportQuery>(useInitialFilters());
  const q = useQuery({
    queryKey: ["programme-funder-report", id, f],
    queryFn: () => api(getProgrammeReport, { params: { programmeId: id }, query: f }),
    placeholderData: keepPreviousData,
  });
  const search = new URLSearchParams(Object.entries(f).filter(([, v]) => !!v) as [string, string][]).toString();
  const withQuery = (path: string) => url(`${path}${search ? `?${search}` : ""}`);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const r = q.data;
  const day = (iso: string) => intl.formatDate(iso, { day: "numeric", month: "short", year: "numeric" });
  const percent = (x: number) => intl.formatNumber(x, { maximumFractionDigits: 1 });
  const figures = (x: Pick<ProgrammeCourseFigures, "online" | "attendance">) => (
    <>
      <td>
        {hoursMinutes(x.online.seconds)}
        <div className="muted small">{t("ui.reporting.visits", { count: x.online.visits })}</div>
      </td>
      <td>
        {t("ui.reporting.presentOf", { present: x.attendance.present, sessions: x.attendance.sessions })}
        <div className="muted small">{t("ui.reporting.presentHours", { time: hoursMinutes(x.attendance.presentMinutes * 60) })}</div>
      </td>
    </>
  );
  const total = (x: ProgrammeReportRow) => (
    <>
      {figures(x)}
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
    </>
  );
  const course = (c: ProgrammeCourseFigures) =>
    c.enrolled ? (
      <>
        {figures(c)}
        <td>
          {t("ui.reporting.itemsDone", { done: c.completion.done, total: c.completion.total })}
          {c.completion.completedAt && <div className="muted small">{t("ui.reporting.completedOn", { date: day(c.completion.completedAt) })}</div>}
        </td>
        <td>{c.result.text || <span className="muted">{t("ui.reporting.noResult")}</span>}</td>
      </>
    ) : (
      <td colSpan={4} className="muted">
        {t("ui.reporting.notEnrolled")}
      </td>
    );
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.programmes.breadcrumb")}>
        <Link to="/programmes/$id" params={{ id }}>
          <span aria-hidden="true">← </span>
          {r.programme.title}
        </Link>
      </nav>
      <PageTitle
        actions={
          <a className="btn btn-secondary" href={withQuery(fillPath(programmeCsvPath, { programmeId: id }))} download>
            {t("ui.reporting.csv.download")}
          </a>
        }
      >
        {t("ui.reporting.programmeTitle")}
      </PageTitle>
      <details className="card section report-method">
        <summary>{t("ui.reporting.methodTitle")}</summary>
        <ul>
          <li>{t("ui.reporting.methodProgrammeOnline", { gap: r.gapMinutes })}</li>
          <li>{t("ui.reporting.methodProgrammeAttendance")}</li>
          <li>{t("ui.reporting.methodCompletion")}</li>
          <li>{t("ui.reporting.methodProgrammeCompletion")}</li>
          <li>{t("ui.reporting.methodProgrammeResult")}</li>
          <li>{t("ui.reporting.methodProgrammeFunder")}</li>
          <li>{t("ui.reporting.methodProgrammeCsv")}</li>
        </ul>
      </details>
      <ReportFilters f={f} setF={setF} funders={r.funders} />
      <p>
        <Link to="/funder-reports" search={{ from: f.from, to: f.to }}>
          {t("ui.reporting.overviewLink")}
        </Link>
      </p>
      <p className="result-count" role="status">
        {t("ui.reporting.count", { count: r.rows.length })}
      </p>
      {r.rows.length === 0 ? (
        <EmptyState title={t("ui.reporting.empty")}>
          <p>{t("ui.reporting.emptyProgrammeHelp")}</p>
        </EmptyState>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard
        <section className="table-wrap" aria-label={t("ui.reporting.programmeTitle")} tabIndex={0}>
          <table className="table report-table">
            <caption className="visually-hidden">{t("ui.reporting.programmeTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ui.reporting.col.learner")}</th>
                <th scope="col">{t("ui.reporting.col.funder")}</th>
                <th scope="col">{t("ui.reporting.col.online")}</th>
                <th scope="col">{t("ui.reporting.col.attendance")}</th>
                <th scope="col">{t("ui.reporting.col.courses")}</th>
                <th scope="col">{t("ui.reporting.col.result")}</th>
                <th scope="col">{t("ui.reporting.col.attestation")}</th>
              </tr>
            </thead>
            {r.rows.map((x) => {
              const name = `${x.givenName} ${x.familyName}`;
              return (
                <Fragment key={x.userId}>
                  <tbody className="report-learner">
                    <tr>
                      <th scope="row" className="report-name">
                        {x.familyName} {x.givenName}
                        <div className="muted small">{x.username}</div>
                      </th>
                      <td>
                        <FunderCell
                          name={name}
                          funder={x.funder}
                          save={(funder) => api(setProgrammeFunder, { params: { programmeId: id, userId: x.userId }, body: { funder } })}
                          queryKey={["programme-funder-report", id]}
                        />
                      </td>
                      {total(x)}
                      <td>
                        <a href={withQuery(fillPath(programmeAttestationPath, { programmeId: id, userId: x.userId }))} download>
                          {t("ui.reporting.pdf", { name })}
                        </a>
                      </td>
                    </tr>
                    {x.courses.map((c) => (
                      <tr key={c.courseId} className="report-course">
                        <th scope="row" className="report-name">
                          <span className="visually-hidden">{t("ui.reporting.breakdownNamed", { name })} · </span>
                          {c.title}
                        </th>
                        <td />
                        {course(c)}
                        <td />
                      </tr>
                    ))}
                  </tbody>
                </Fragment>
              );
            })}
          </table>
        </section>
      )}
    </>
  );
}
