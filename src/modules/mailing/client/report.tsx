import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { Loading, PageTitle, QueryError } from "../../../web/ui.tsx";
import { getMailing } from "../shared/contract.ts";
import { Counts, mailingKey } from "./mailings.tsx";

/** Delivery report: counts by status (refreshed while sending) and the people not reached, with why. */
export function MailingReportPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({
    queryKey: [...mailingKey, "report", id],
    queryFn: () => api(getMailing, { params: { id } }),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== "done" ? 1500 : false),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const m = q.data;
  const done = m.total - m.counts.queued;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/mailings">
          <span aria-hidden="true">← </span>
          {t("ui.mailing.title")}
        </Link>
      </p>
      <PageTitle>{m.subject}</PageTitle>
      <p className="lead">{t("ui.mailing.to", { audience: m.audienceLabel, count: m.total })}</p>
      <section className="section card" aria-labelledby="report-h">
        <h2 id="report-h">{t("ui.mailing.report")}</h2>
        <p role="status">{m.status === "done" ? t("ui.mailing.done") : t("ui.mailing.sending", { done, total: m.total })}</p>
        {m.status !== "done" && <progress max={m.total} value={done} aria-label={t("ui.mailing.report")} />}
        <Counts m={m} />
      </section>
      {m.problems.length > 0 && (
        <section className="section" aria-labelledby="problems-h">
          <h2 id="problems-h">{t("ui.mailing.problems")}</h2>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("ui.mailing.person")}</th>
                  <th scope="col">{t("ui.mailing.address")}</th>
                  <th scope="col">{t("ui.mailing.statusCol")}</th>
                </tr>
              </thead>
              <tbody>
                {m.problems.map((p) => (
                  <tr key={p.userId}>
                    <td>{p.name}</td>
                    <td>{p.email ?? "—"}</td>
                    <td>
                      {t(`ui.mailing.status.${p.status}`)}
                      <span className="muted small"> — {t(`ui.mailing.why.${p.status}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <section className="section card" aria-labelledby="body-h">
        <h2 id="body-h">{t("ui.mailing.message")}</h2>
        <p className="mailing-body">{m.body}</p>
      </section>
    </>
  );
}
