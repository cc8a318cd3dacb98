import { Link } from "@tanstack/react-router";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, PageTitle, QueryError } from "../../../web/ui.tsx";
import { getFundersOverview, type Training } from "../shared/contract.ts";
import { ReportFilters, useReport } from "./report-layout.tsx";
import "./reporting.css";

/** Funders and the trainings they fund (courses and programmes), each opening its report for the funder and period chosen. */
export function FundersOverviewPage() {
  const t = useT();
  const { f, setF, q } = useReport(["funders-overview"], (f) => api(getFundersOverview, { query: f }));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const r = q.data;
  const link = (x: Training) => {
    const search = { funder: x.funder, from: f.from, to: f.to };
    const label = t("ui.reporting.openReport", { title: x.title });
    return x.kind === "course" ? (
      <Link to="/courses/$id/funder-report" params={{ id: x.id }} search={search} aria-label={label}>
        {x.title}
      </Link>
    ) : (
      <Link to="/programmes/$id/funder-report" params={{ id: x.id }} search={search} aria-label={label}>
        {x.title}
      </Link>
    );
  };
  return (
    <>
      <PageTitle>{t("ui.reporting.overviewTitle")}</PageTitle>
      <p className="lead">{t("ui.reporting.overviewHelp")}</p>
      <ReportFilters f={f} setF={setF} funders={r.funders} />
      <p className="result-count" role="status">
        {t("ui.reporting.trainingCount", { count: r.trainings.length })}
      </p>
      {r.trainings.length === 0 ? (
        <EmptyState title={t("ui.reporting.overviewEmpty")}>
          <p>{t("ui.reporting.overviewEmptyHelp")}</p>
        </EmptyState>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard
        <section className="table-wrap" aria-label={t("ui.reporting.overviewTitle")} tabIndex={0}>
          <table className="table report-table">
            <caption className="visually-hidden">{t("ui.reporting.overviewTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ui.reporting.col.training")}</th>
                <th scope="col">{t("ui.reporting.col.kind")}</th>
                <th scope="col">{t("ui.reporting.col.funder")}</th>
                <th scope="col">{t("ui.reporting.col.learners")}</th>
              </tr>
            </thead>
            <tbody>
              {r.trainings.map((x) => (
                <tr key={`${x.kind}:${x.id}:${x.funder}`}>
                  <th scope="row" className="report-name">
                    {link(x)}
                  </th>
                  <td>
                    <span className={x.kind === "programme" ? "badge badge-ok" : "badge badge-neutral"}>{t(`ui.reporting.kind.${x.kind}`)}</span>
                  </td>
                  <td>{x.funder}</td>
                  <td>{t("ui.reporting.learners", { count: x.learners })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
