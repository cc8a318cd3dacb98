import "./enrolment.css";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { FormattedDate } from "react-intl";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, PageTitle, QueryError } from "../../../web/ui.tsx";
import { Pager } from "../../accounts/client/pager.tsx";
import { progressCsvPath, progressTable } from "../shared/contract.ts";

const PAGE = 50;

/**
 * The teacher's view of progress: learners (a page at a time, from the server) × items with a
 * completion rule. A plain table with a sticky first column: readable by screen readers, scrolls
 * sideways on phones.
 */
export function ProgressTablePage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ["course", id, "progress", page],
    queryFn: () => api(progressTable, { params: { id }, query: { page, pageSize: PAGE } }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.enrolment.breadcrumb")}>
        <Link to="/courses/$id" params={{ id }}>
          {t("ui.enrolment.backToCourse")}
        </Link>
      </nav>
      <PageTitle
        actions={
          <a className="btn btn-secondary" href={url(progressCsvPath(id))} download>
            {t("ui.enrolment.progress.export")}
          </a>
        }
      >
        {t("ui.enrolment.progress.title")}
      </PageTitle>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : q.data.total === 0 ? (
        <EmptyState title={t("ui.enrolment.progress.empty")}>
          <p>
            <Link to="/courses/$id/enrolment" params={{ id }}>
              {t("ui.enrolment.manage")}
            </Link>
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="result-count" role="status">
            {t("ui.enrolment.progress.count", { count: q.data.total })}
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard */}
          <section className="table-wrap progress-matrix" tabIndex={0} aria-labelledby="progress-caption">
            <table className="table">
              <caption id="progress-caption" className="visually-hidden">
                {t("ui.enrolment.progress.caption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("ui.enrolment.progress.name")}</th>
                  <th scope="col">{t("ui.enrolment.progress.percent")}</th>
                  {q.data.items.map((i) => (
                    <th scope="col" key={i.id} className="matrix-item">
                      {i.title}
                      <span className="visually-hidden"> ({t(`ui.enrolment.rule.${i.completion}`)})</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {q.data.learners.map((l) => (
                  <tr key={l.userId}>
                    <th scope="row">
                      {l.familyName} {l.givenName}
                      {l.completedAt && <span className="badge badge-ok">{t("ui.enrolment.completed")}</span>}
                    </th>
                    <td>{t("ui.enrolment.progress.percentValue", { percent: l.percent })}</td>
                    {l.cells.map((c, n) => (
                      <td key={q.data.items[n].id} className="matrix-cell">
                        {c ? (
                          <span title={new Date(c).toLocaleString()}>
                            <span aria-hidden="true">✓</span>
                            <span className="visually-hidden">
                              {t("ui.enrolment.done")} <FormattedDate value={c} dateStyle="medium" />
                            </span>
                          </span>
                        ) : (
                          <span className="muted">
                            <span aria-hidden="true">–</span>
                            <span className="visually-hidden">{t("ui.enrolment.notDone")}</span>
                          </span>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <Pager page={page} pageSize={PAGE} total={q.data.total} onChange={setPage} />
        </>
      )}
    </>
  );
}
