import "./gradebook.css";
import { useQuery } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, PageTitle, QueryError } from "../../../web/ui.tsx";
import { myGrades } from "../shared/contract.ts";
import { Breadcrumb, TotalExplained, useNumber } from "./parts.tsx";

/** A learner's own released grades in a course, category totals and the total, with how it is computed. */
export function MyGradesPage() {
  const t = useT();
  const num = useNumber();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: ["course", id, "my-grades"], queryFn: () => api(myGrades, { params: { id } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  const hasCategories = d.items.some((i) => i.categoryName !== null);
  return (
    <>
      <Breadcrumb courseId={id} courseTitle={d.course.title} />
      <PageTitle>{t("ui.gradebook.mine.title")}</PageTitle>
      {d.items.length === 0 ? (
        <EmptyState title={t("ui.gradebook.mine.empty")}>
          <p>{t("ui.gradebook.mine.emptyHelp")}</p>
        </EmptyState>
      ) : (
        <>
          <dl className="gb-stats">
            <div>
              <dt>{t("ui.gradebook.mine.total")}</dt>
              <dd>{d.totalText || "–"}</dd>
            </div>
          </dl>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard */}
          <section className="table-wrap" tabIndex={0} aria-labelledby="gb-mine-caption">
            <table className="table">
              <caption id="gb-mine-caption" className="visually-hidden">
                {t("ui.gradebook.mine.caption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("ui.gradebook.item")}</th>
                  {hasCategories && <th scope="col">{t("ui.gradebook.category")}</th>}
                  <th scope="col">{t("ui.gradebook.grade")}</th>
                  <th scope="col">{t("ui.gradebook.onScale", { scale: d.scale.name })}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.title}</th>
                    {hasCategories && <td>{i.categoryName ?? t("ui.gradebook.uncategorised")}</td>}
                    <td>
                      {i.score === null ? "–" : t("ui.gradebook.scoreOf", { score: num(i.score), max: num(i.maxScore) })}
                      {i.passed === true && <span className="badge badge-ok">{t("ui.gradebook.mine.passed")}</span>}
                      {i.passed === false && <span className="badge badge-warn">{t("ui.gradebook.mine.notPassed")}</span>}
                    </td>
                    <td>{i.text || "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {d.categories.length > 1 && (
            <>
              <h2>{t("ui.gradebook.categoryTotals")}</h2>
              <dl className="gb-stats">
                {d.categories.map((c) => (
                  <div key={c.id ?? "none"}>
                    <dt>
                      {c.name ?? t("ui.gradebook.uncategorised")} ({t("ui.gradebook.weightValue", { weight: num(c.weight) })})
                    </dt>
                    <dd>{c.text || "–"}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
          <TotalExplained
            categories={d.categories.filter((c) => c.id !== null).map((c) => ({ name: c.name ?? "", weight: c.weight, dropLowest: c.dropLowest }))}
            uncategorisedWeight={d.categories.find((c) => c.id === null)?.weight ?? 1}
            scaleName={d.scale.name}
          />
          <p className="muted">{t("ui.gradebook.mine.releasedOnly")}</p>
        </>
      )}
    </>
  );
}
